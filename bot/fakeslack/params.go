package fakeslack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// Reading a request: the token, the parameters and an uploaded file.

// bearerToken returns the token of an "Authorization: Bearer …" header, or "".
func bearerToken(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	if token, ok := strings.CutPrefix(auth, "Bearer "); ok {
		return strings.TrimSpace(token)
	}
	return ""
}

// parseParams decodes the arguments of a call: the query string, plus a form, multipart or JSON body. Of a
// repeated form field the first value counts. Of a JSON body each top-level field becomes a parameter:
// strings unquoted, other values as compact JSON text. The map is never nil.
func parseParams(r *http.Request, body []byte) (map[string]string, *slackError) {
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	if len(body) == 0 {
		return params, nil
	}
	mediaType, mediaParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil {
			return params, errorf("invalid_json", "[ERROR] "+err.Error())
		}
		for k, raw := range fields {
			params[k] = jsonParam(raw)
		}
	case "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), mediaParams["boundary"]).ReadForm(maxBodyBytes)
		if err != nil {
			return params, errorf("invalid_arguments", "[ERROR] "+err.Error())
		}
		defer func() { _ = form.RemoveAll() }()
		for k, v := range form.Value {
			params[k] = v[0]
		}
	case "", "application/x-www-form-urlencoded":
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return params, errorf("invalid_arguments", "[ERROR] "+err.Error())
		}
		for k, v := range values {
			params[k] = v[0]
		}
	default:
		return params, errorf("invalid_arguments", "[ERROR] unsupported Content-Type "+mediaType)
	}
	return params, nil
}

// jsonParam turns a JSON value into a parameter string: a string unquoted, anything else as compact JSON.
func jsonParam(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return string(raw)
	}
	return buf.String()
}

// uploadedContent returns the file name and content of an upload: the "file" part of a multipart body, or
// the whole body otherwise.
func uploadedContent(contentType string, body []byte) (name string, content []byte, err error) {
	mediaType, mediaParams, _ := mime.ParseMediaType(contentType)
	if mediaType != "multipart/form-data" {
		return "", body, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), mediaParams["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, fmt.Errorf("no file part")
		}
		if err != nil {
			return "", nil, err
		}
		if part.FormName() != "file" {
			continue
		}
		content, err := io.ReadAll(part)
		return part.FileName(), content, err
	}
}
