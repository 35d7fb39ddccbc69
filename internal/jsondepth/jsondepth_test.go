package jsondepth

import (
	"strings"
	"testing"
)

func TestWithin(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  int
		want bool
	}{
		{"flat object", `{"a":1}`, 1, true},
		{"two levels over a bound of one", `{"a":[1]}`, 1, false},
		{"two levels at a bound of two", `{"a":[1]}`, 2, true},
		{"brackets in strings do not count", `{"a":"[[[[{{{{"}`, 1, true},
		{"escaped quote keeps the string open", `{"a":"\"[[[["}`, 1, true},
		{"siblings do not add up", `[[1],[2],[3]]`, 2, true},
		{"deep array", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), 64, false},
		{"not JSON is measured only", `]]]]`, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Within(tt.text, tt.max); got != tt.want {
				t.Errorf("Within = %v, want %v", got, tt.want)
			}
			if got := WithinBytes([]byte(tt.text), tt.max); got != tt.want {
				t.Errorf("WithinBytes = %v, want %v", got, tt.want)
			}
		})
	}
}
