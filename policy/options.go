package policy

// Bounds Parse applies to every input.
const (
	// DefaultMaxBytes is the default maximum input size of Parse (1 MiB),
	// checked before anything is parsed. Change it with WithMaxBytes.
	DefaultMaxBytes = 1 << 20
	// MaxDepth is the deepest nesting of JSON objects and arrays Parse
	// accepts. A valid policy nests at most 7 deep.
	MaxDepth = 64
	// MaxErrors is the most errors Parse reports for one input; when there
	// are more, the last entry has the code "too-many-errors".
	MaxErrors = 100
)

// Option configures Parse.
type Option func(*config)

type config struct {
	kind      Kind
	source    string
	sizeLimit bool
	envelope  Envelope
	maxBytes  int
	origin    origin
}

// WithKind sets the kind of policy being parsed; the default is
// KindIdentity.
func WithKind(k Kind) Option { return func(c *config) { c.kind = k } }

// WithSource names the input (usually its file name) in positions and
// error messages.
func WithSource(name string) Option { return func(c *config) { c.source = name } }

// WithSizeLimit makes Parse enforce the AWS size quota of the policy's kind
// (see SizeLimit); a document over it is an error with the code
// "size-limit". Without this option the size is only measured
// (Document.Size).
func WithSizeLimit() Option { return func(c *config) { c.sizeLimit = true } }

// WithEnvelope accepts the policy inside an envelope:
//
//   - EnvelopeGetPolicy: the output of Lambda's GetPolicy, an object with a
//     "Policy" string and optionally a "RevisionId" string, and nothing else.
//   - EnvelopeURLEncoded: the whole document percent-encoded; "+" stays "+".
//   - EnvelopeAuto: EnvelopeURLEncoded when the input, after leading
//     whitespace, starts with "%7B" (either case); EnvelopeGetPolicy when it
//     is a JSON object whose only names are "Policy" and "RevisionId" and
//     whose "Policy" is a string; otherwise a plain document. No policy
//     document has either shape, so the detection is unambiguous.
//   - EnvelopeNone (the default): a plain document.
//
// Positions and pointers of errors inside the policy refer to the inner
// document, and their Source gets the suffix " (Policy)" or
// " (URL-decoded)"; errors in the envelope itself refer to the input.
func WithEnvelope(e Envelope) Option { return func(c *config) { c.envelope = e } }

// WithOrigin says where the input starts in its source, for input cut out
// of a larger file (a policy inside a case file, say): positions then give
// the line and column in that file. Offsets still count bytes of the input
// given to Parse. Positions inside an envelope (WithEnvelope) refer to the
// inner document and are not moved.
func WithOrigin(line, column int) Option {
	return func(c *config) { c.origin = origin{line: line, col: column} }
}

// WithMaxBytes sets the maximum input size in bytes (n > 0); larger input
// is rejected with the code "too-large" before it is parsed. The default
// is DefaultMaxBytes.
func WithMaxBytes(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxBytes = n
		}
	}
}
