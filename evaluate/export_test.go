package evaluate

// WithPlainEvaluation turns off the statement indexes, the memo and the
// condition key slots, so that tests can check them against the
// evaluation they shortcut.
func WithPlainEvaluation() Option { return func(c *config) { c.plain = true } }
