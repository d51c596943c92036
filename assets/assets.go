// Package assets embeds the files the program ships with: the sample catalog
// (loaded into a new data file on first start, in the same format as
// `bianmin catalog import`), the zh_Hans and en translations, the app icon
// and the sample staff avatars. It holds data only and imports no UI code,
// so the data package can read the sample catalog too.
package assets

import "embed"

// Translations holds one `<area>.<lang>.json` file per UI area and language
// ("kiosk.zh_Hans.json", "kiosk.en.json", ...), in go-i18n's JSON form as
// Fyne's lang package reads it.
//
//go:embed translations/*.json
var Translations embed.FS

// TranslationsDir is the folder inside Translations.
const TranslationsDir = "translations"

// Sample holds the sample catalog (sample.json, the same format as
// `bianmin catalog import`) and the avatars its photo_file entries name,
// relative to this folder. A new data file is seeded from it on first start.
//
//go:embed sample.json avatars/*.png
var Sample embed.FS

// SampleCatalog is the name of the sample catalog inside Sample.
const SampleCatalog = "sample.json"

// Icon is the app icon (512×512 PNG), drawn for this project.
//
//go:embed icon.png
var Icon []byte
