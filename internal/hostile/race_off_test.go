//go:build !race

package hostile_test

// raceDetector reports whether the tests run under the race detector,
// whose instrumentation makes time no measure of an algorithm's cost.
const raceDetector = false
