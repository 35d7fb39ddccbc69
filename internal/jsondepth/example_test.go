package jsondepth_test

import (
	"fmt"
	"strings"

	"github.com/lambdaiam/lambdaiam/internal/jsondepth"
)

// Check the depth before a recursive reader sees untrusted text.
func ExampleWithin() {
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	fmt.Println(jsondepth.Within(`{"Statement":[{"Effect":"Allow"}]}`, 64))
	fmt.Println(jsondepth.Within(deep, 64))
	// Output:
	// true
	// false
}
