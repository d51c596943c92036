package data

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// importBytes imports b into a fresh store and returns the summary, the
// error and the store's catalog afterwards.
func importBytes(t *testing.T, b []byte) (ImportSummary, error, string) {
	t.Helper()
	ctx := context.Background()
	s := mustOpen(t)
	sum, err := s.ImportCatalog(ctx, bytes.NewReader(b), testFiles)
	var out bytes.Buffer
	if empty, e := s.Empty(ctx); e == nil && !empty {
		require.NoError(t, s.ExportCatalog(ctx, &out))
	}
	return sum, err, out.String()
}

func TestImportDecodesEncodings(t *testing.T) {
	utf8File := encode(t, testCatalog())
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf8File)
	require.NoError(t, err)
	le, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(utf8File)
	require.NoError(t, err)
	be, err := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().Bytes(utf8File)
	require.NoError(t, err)
	for name, tc := range map[string]struct {
		file      []byte
		converted string
	}{
		"UTF8":    {utf8File, ""},
		"UTF8BOM": {append([]byte{0xEF, 0xBB, 0xBF}, utf8File...), ""},
		"GBK":     {gbk, EncodingGBK},
		"UTF16LE": {le, EncodingUTF16},
		"UTF16BE": {be, EncodingUTF16},
	} {
		t.Run(name, func(t *testing.T) {
			sum, err, out := importBytes(t, tc.file)
			require.NoError(t, err)
			assert.Equal(t, tc.converted, sum.Converted)
			if tc.converted == EncodingGBK {
				assert.Equal(t, "已从 GBK 编码转换。", sum.ConvertedNote())
			}
			assert.Equal(t, 3, sum.Items)
			assert.Contains(t, out, "居住证申领", "names arrive as written, not as ����")
			assert.NotContains(t, out, "\ufffd")
		})
	}
}

func TestImportRefusesHonestly(t *testing.T) {
	good := encode(t, testCatalog())
	// Bytes that are neither UTF-8 nor GB18030 Chinese, on line 4.
	lines := strings.SplitN(string(good), "\n", 5)
	latin1 := []byte(strings.Join(lines[:3], "\n") + "\n" + "\"x\xff\xfe\x80\"" + lines[3] + "\n" + lines[4])
	for name, tc := range map[string]struct {
		file      []byte
		wantField string
		wantMsg   string
	}{
		"InvalidUTF8":  {latin1, "", "第4行：文件中有无法识别的文字编码"},
		"TopLevelList": {[]byte("[]"), "", "目录文件应是一个 JSON 对象"},
		"SectionShape": {[]byte(`{"format": 1, "items": {}}`), "items", "“事项”类型不对，应为列表"},
		"ItemType": {bytes.Replace(good, []byte(`"promised_days": 10`), []byte(`"promised_days": "十"`), 1),
			"items[0].promised_days", "第1个事项的“承诺期限”类型不对，应为数字。"},
		"NestedType": {bytes.Replace(good, []byte(`"copies": 2`), []byte(`"copies": "两份"`), 1),
			"", "“份数”类型不对，应为数字。"},
		"CenterType": {bytes.Replace(good, []byte(`"idle_seconds": 90`), []byte(`"idle_seconds": true`), 1),
			"center.idle_seconds", "“服务室信息”的“无操作返回时间”类型不对，应为数字。"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err, out := importBytes(t, tc.file)
			require.Error(t, err)
			var ie *InvalidError
			require.ErrorAs(t, err, &ie)
			if tc.wantField != "" {
				assert.Equal(t, tc.wantField, ie.Field)
			}
			assert.Contains(t, ie.Msg, tc.wantMsg)
			for _, goName := range []string{"int", "string", "data.", "[]", "uint8"} {
				assert.NotContains(t, strings.ReplaceAll(ie.Msg, "[ ]", ""), goName, "no Go type names")
			}
			assert.NotContains(t, out, "居住证申领", "nothing imported")
		})
	}
}

func TestImportRefusesHugeFile(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(MaxCatalogBytes+1)) // sparse: nothing written
	require.NoError(t, f.Close())
	f, err = os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	_, err = s.ImportCatalog(ctx, f, nil)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Msg, "目录文件太大")
	assert.Contains(t, ie.Msg, "50 MB")
	pos, _ := f.Seek(0, io.SeekCurrent)
	assert.Zero(t, pos, "refused before reading")

	// A reader of unknown size is read no further than the limit.
	r := &countingReader{n: 2 * MaxCatalogBytes}
	_, err = s.ImportCatalog(ctx, r, nil)
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Msg, "目录文件太大（超过 50 MB）")
	assert.LessOrEqual(t, r.read, int64(MaxCatalogBytes+1))
}

// countingReader yields n spaces and counts what was read.
type countingReader struct{ n, read int64 }

func (c *countingReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), c.n)
	for i := range p[:k] {
		p[i] = ' '
	}
	c.n -= k
	c.read += k
	return int(k), nil
}

// A catalog file is read where it is, not copied to a temporary file
// first; a reader that cannot seek is copied.
func TestCatalogFileReadInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"format": 1}`), 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	cs, err := openCatalogSource(f, MaxCatalogBytes)
	require.NoError(t, err)
	defer cs.cleanup()
	assert.Same(t, f, cs.src)

	cs2, err := openCatalogSource(bytes.NewBufferString(`{"format": 1}`), MaxCatalogBytes)
	require.NoError(t, err)
	defer cs2.cleanup()
	tmp, isFile := cs2.src.(*os.File)
	require.True(t, isFile, "copied to a temporary file")
	assert.NotEqual(t, path, tmp.Name())
}

// ImportCatalogAnySize (the command line's import) takes a catalog file
// larger than MaxCatalogBytes that ImportCatalog refuses: what catalog
// export wrote must come back in.
func TestImportAnySizeTakesBigFile(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	path := filepath.Join(t.TempDir(), "big.json")
	raw := encode(t, testCatalog())
	padded := append(bytes.Repeat([]byte{' '}, MaxCatalogBytes), raw...) // leading white space is valid JSON
	require.NoError(t, os.WriteFile(path, padded, 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	_, err = s.ImportCatalog(ctx, f, testFiles)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Msg, "目录文件太大")

	_, err = f.Seek(0, io.SeekStart)
	require.NoError(t, err)
	sum, err := s.ImportCatalogAnySize(ctx, f, testFiles)
	require.NoError(t, err)
	assert.Equal(t, len(testCatalog().Items), sum.Items)
}
