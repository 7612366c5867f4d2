//go:build tools

// Package mailpit pins the version of Mailpit (github.com/axllent/mailpit),
// the real SMTP server with an HTTP API that `make run-mail` and the tests
// start beside Liaison. It is its own module so that Mailpit's dependencies
// stay out of Liaison's; `make bin/mailpit` builds it. Never shipped.
package mailpit

import _ "github.com/axllent/mailpit"
