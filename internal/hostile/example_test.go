package hostile_test

import (
	"fmt"
	"path/filepath"

	"github.com/lambdaiam/lambdaiam/internal/hostile"
)

// Build the 20 MB document of the corpus from its recipe.
func ExampleCase_Build() {
	cases, err := hostile.Load(filepath.Join("..", "..", "testdata", "hostile"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cases {
		if c.Name != "G10/document-20mb-default-limit" {
			continue
		}
		data, err := c.Build()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(c.Class, len(data) >= 20_000_000, c.Parse.Codes)
	}
	// Output:
	// size true [too-large]
}
