package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContactPhone(t *testing.T) {
	for in, want := range map[string]string{
		"0919-3123456":      "0919-3123456",
		"09193123456":       "0919-3123456",
		"010-12345678":      "010-12345678",
		"(010)12345678":     "010-12345678",
		"０２１ ６１２３４５６７":      "021-61234567",
		"0755-8123456":      "0755-8123456",
		"13812345678":       "13812345678",
		"+86 138 1234 5678": "13812345678",
		// Hong Kong, Macao and Taiwan residents (their residence permits
		// are accepted as ID).
		"+852 9123 4567":    "+852 91234567",
		"00852-2123-4567":   "+852 21234567",
		"85261234567":       "+852 61234567",
		"＋８５２ ５１２３ ４５６７":    "+852 51234567",
		"+853 6612 3456":    "+853 66123456",
		"00853 2812 3456":   "+853 28123456",
		"0912-345-678":      "+886 912345678",
		"0912345678":        "+886 912345678",
		"+886 912 345 678":  "+886 912345678",
		"+886 0912 345 678": "+886 912345678",
		"886912345678":      "+886 912345678",
	} {
		got, err := ContactPhone("phone", in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for in, msg := range map[string]string{
		"":                  "请填写联系电话（手机号码，或带区号的固定电话）。",
		"3123456":           "固定电话请加上区号，例如 0919-3123456。",
		"0919-123":          "固定电话应为区号加7至8位号码，例如 0919-3123456 或 010-12345678，请核对。",
		"0919-0123456":      "固定电话应为区号加7至8位号码，例如 0919-3123456 或 010-12345678，请核对。",
		"0919-1234567890":   "固定电话应为区号加7至8位号码，例如 0919-3123456 或 010-12345678，请核对。",
		"0919-31a3456":      "电话号码只能包含数字，请核对。",
		"138001380001":      "您输入了12位，手机号码应为11位，请核对。",
		"12800138000":       "手机号码应以1开头、第二位为3至9，请核对。",
		"99999":             "请填写11位手机号码，或带区号的固定电话（例如 0919-3123456），请核对。",
		"+852 1234 5678":    "香港的电话号码应为 +852 加8位号码（2至9开头），例如 +852 9123 4567，请核对。",
		"+852 9123 456":     "香港的电话号码应为 +852 加8位号码（2至9开头），例如 +852 9123 4567，请核对。",
		"+853 3123 4567":    "澳门的电话号码应为 +853 加8位号码（2、6或8开头），例如 +853 6612 3456，请核对。",
		"+886 2 2345 6789":  "台湾地区请填写手机号码：09开头的10位号码，例如 0912-345-678（或 +886 912 345 678），请核对。",
		"+886 91234567":     "台湾地区请填写手机号码：09开头的10位号码，例如 0912-345-678（或 +886 912 345 678），请核对。",
		"+1 415 555 0100":   "只能填写中国大陆、香港、澳门或台湾地区的电话号码，请核对号码前的国家或地区代码（香港 +852，澳门 +853，台湾 +886）。",
		"0044 20 7946 0000": "只能填写中国大陆、香港、澳门或台湾地区的电话号码，请核对号码前的国家或地区代码（香港 +852，澳门 +853，台湾 +886）。",
		"+852 9123 45x7":    "电话号码只能包含数字，请核对。",
	} {
		_, err := ContactPhone("phone", in)
		var ie *InvalidError
		require.ErrorAs(t, err, &ie, in)
		assert.Equal(t, "phone", ie.Field)
		assert.Equal(t, msg, ie.Msg, in)
	}
}

// A resident with only a landline registers, and a complaint takes one as
// its contact.
func TestRegisterWithLandline(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	reg := goodRegistration(t, s)
	reg.Phone = "0919-3123456"
	rc, err := s.Register(ctx, reg)
	require.NoError(t, err)
	var phone string
	require.NoError(t, s.db.QueryRow(`SELECT applicant_phone FROM requests WHERE id = ?`, rc.RequestID).Scan(&phone))
	assert.Equal(t, "0919-3123456", phone)
	assert.Equal(t, "*******3456", MaskPhone(phone))
}
