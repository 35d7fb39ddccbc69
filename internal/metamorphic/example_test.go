package metamorphic_test

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/internal/metamorphic"
)

// Check every relation on the first generated cases.
func ExampleChecker_Check() {
	c, err := metamorphic.NewChecker()
	if err != nil {
		fmt.Println(err)
		return
	}
	violations := 0
	for seed := uint64(1); seed <= 20; seed++ {
		v, err := c.Check(seed)
		if err != nil {
			fmt.Println(err)
			return
		}
		violations += len(v)
	}
	fmt.Println("violations:", violations)
	// Output:
	// violations: 0
}

// The relations and the rules they follow from.
func ExampleRelations() {
	for _, r := range metamorphic.Relations()[:3] {
		fmt.Println(r.Name, r.Rule)
	}
	// Output:
	// add-deny E3.1
	// remove-allow E1
	// add-allow E1
}
