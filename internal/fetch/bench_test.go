package fetch_test

import (
	"testing"

	"github.com/farsight-osint/farsight/internal/fetch"
)

func BenchmarkExtractArticle(b *testing.B) {
	for _, file := range []string{"kaspiysk_en.html", "kaspiysk_uk_cp1251.html", "kaspiysk_ru_koi8r.html"} {
		page := mustRead(b, "testdata/"+file)
		b.Run(file, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := fetch.ExtractArticle(page, "text/html", "https://example.org/news/kaspiysk"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
