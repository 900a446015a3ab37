package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxBody is Telegram's upload limit for bots (50 MB); larger bodies get
// 413 like the real server.
const maxBody = 50 << 20

// upload is one multipart file part.
type upload struct {
	filename    string
	contentType string
	data        []byte
}

// request is one Bot API call after its parameters were collected from
// every place srv reads them.
type request struct {
	method *methodSpec
	params map[string]string
	files  map[string]*upload
	// decoded caches the JSON value of JSON-serialized params the
	// validator already decoded, so handlers do not decode twice.
	decoded map[string]any
	// legacy lists the legacy params the request used, for Options.Warn.
	legacy []string
}

var errTooLarge = errors.New("request entity too large")

// readParams merges the query string, an urlencoded or multipart form, or a
// JSON object body into one set of params. The first value of a repeated
// key wins.
func readParams(r *http.Request) (map[string]string, map[string]*upload, error) {
	params := make(map[string]string, 8)
	if q := r.URL.RawQuery; q != "" {
		if err := parseURLEncoded(q, params); err != nil {
			return nil, nil, fmt.Errorf("query string: %w", err)
		}
	}
	if r.Body == nil || r.Method == http.MethodGet {
		return params, nil, nil
	}
	body := http.MaxBytesReader(nil, r.Body, maxBody)
	ct := r.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
		b, err := io.ReadAll(body)
		if err != nil {
			return nil, nil, bodyErr(err)
		}
		if err := parseURLEncoded(string(b), params); err != nil {
			return nil, nil, fmt.Errorf("form body: %w", err)
		}
		return params, nil, nil
	case strings.HasPrefix(ct, "multipart/form-data"):
		r.Body = body
		files, err := readMultipart(r, params)
		return params, files, err
	case strings.HasPrefix(ct, "application/json"):
		b, err := io.ReadAll(body)
		if err != nil {
			return nil, nil, bodyErr(err)
		}
		return params, nil, parseJSONBody(b, params)
	default:
		// srv ignores bodies of other types; drain so keep-alive works.
		if _, err := io.Copy(io.Discard, body); err != nil {
			return nil, nil, bodyErr(err)
		}
		return params, nil, nil
	}
}

func bodyErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge
	}
	return fmt.Errorf("read body: %w", err)
}

// parseURLEncoded is url.ParseQuery without the []string per key, which
// the fake never needs.
func parseURLEncoded(s string, into map[string]string) error {
	for s != "" {
		var kv string
		kv, s, _ = strings.Cut(s, "&")
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, err := unescape(k)
		if err != nil {
			return err
		}
		if _, dup := into[k]; dup {
			continue
		}
		v, err = unescape(v)
		if err != nil {
			return err
		}
		into[k] = v
	}
	return nil
}

func unescape(s string) (string, error) {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s, nil
	}
	return url.QueryUnescape(s)
}

func readMultipart(r *http.Request, params map[string]string) (map[string]*upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fmt.Errorf("multipart body: %w", err)
	}
	var files map[string]*upload
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, bodyErr(err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, bodyErr(err)
		}
		name := part.FormName()
		if fn := part.FileName(); fn != "" {
			if files == nil {
				files = make(map[string]*upload, 2)
			}
			if _, dup := files[name]; !dup {
				files[name] = &upload{filename: fn, contentType: part.Header.Get("Content-Type"), data: data}
			}
			continue
		}
		if _, dup := params[name]; !dup {
			params[name] = string(data)
		}
	}
}

// parseJSONBody turns a JSON object body into string params the way srv
// does: strings as they are, numbers and booleans as their literal text,
// objects and arrays as JSON text, null as absent.
func parseJSONBody(b []byte, params map[string]string) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return fmt.Errorf("json body: %w", err)
	}
	for k, raw := range obj {
		raw = bytes.TrimSpace(raw)
		switch {
		case string(raw) == "null":
			continue
		case len(raw) > 0 && raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return fmt.Errorf("json body: %s: %w", k, err)
			}
			params[k] = s
		default:
			params[k] = string(raw)
		}
	}
	return nil
}
