package ikmbot

import (
	"errors"
	"fmt"
)

// Error codes of the domain.
const (
	ENotFound = "not_found"
	EConflict = "conflict"
	EInvalid  = "invalid"
)

// Error is a domain error: what went wrong (Code, one of the E* constants)
// in which operation. Callers decide by Code; users only ever see catalog
// texts, never an error's text.
type Error struct {
	Code string
	Op   string
	Err  error
}

func (e *Error) Error() string {
	switch {
	case e.Op != "" && e.Err != nil:
		return fmt.Sprintf("%s: %s: %v", e.Op, e.Code, e.Err)
	case e.Op != "":
		return fmt.Sprintf("%s: %s", e.Op, e.Code)
	}
	return e.Code
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted operation.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Op: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or "" .
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// IsNotFound reports whether err says a record does not exist.
func IsNotFound(err error) bool { return ErrorCode(err) == ENotFound }
