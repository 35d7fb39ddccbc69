package difftest_test

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/lambdaiam/lambdaiam/internal/difftest"
)

// Three cases from seeds 7, 8 and 9, each one JSON line; the third line is
// exactly what GenerateCase(9) builds on its own.
func ExampleGenerate() {
	data := difftest.Generate(7, 3)
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	var c struct {
		Name string `json:"name"`
	}
	for _, l := range lines {
		if err := json.Unmarshal(l, &c); err != nil {
			panic(err)
		}
		fmt.Println(c.Name)
	}
	fmt.Println(bytes.Equal(lines[2], difftest.GenerateCase(9)))
	// Output:
	// difftest seed 7
	// difftest seed 8
	// difftest seed 9
	// true
}
