package policy

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/lambdaiam/lambdaiam/condition"
)

func parseOp(name string) (condition.Operator, error) { return condition.ParseOperator(name) }

// ignorePositions compares Documents apart from positions, Size,
// Envelope and the unexported source text.
func ignorePositions() []cmp.Option {
	return []cmp.Option{
		cmpopts.IgnoreTypes(Position{}),
		cmpopts.IgnoreUnexported(Document{}),
		cmpopts.IgnoreFields(Document{}, "Size", "Envelope"),
	}
}
