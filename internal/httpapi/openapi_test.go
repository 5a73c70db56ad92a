package httpapi

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestOpenAPIInSync checks that openapi.json describes every route of the
// route table, and nothing else, with the same path parameters.
func TestOpenAPIInSync(t *testing.T) {
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			Responses map[string]json.RawMessage `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0.") {
		t.Errorf("got openapi %q, want 3.0.x", doc.OpenAPI)
	}
	routes := map[string]bool{}
	pathParam := regexp.MustCompile(`\{([a-z_]+)\}`)
	for _, rt := range NewServer().routes() {
		method, path, ok := strings.Cut(rt.pattern, " ")
		if !ok {
			t.Fatalf("route %q has no method", rt.pattern)
		}
		routes[strings.ToLower(method)+" "+path] = true
		op, ok := doc.Paths[path][strings.ToLower(method)]
		if !ok {
			t.Errorf("route %s is not in openapi.json", rt.pattern)
			continue
		}
		var want, got []string
		for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
			want = append(want, m[1])
		}
		for _, p := range op.Parameters {
			if p.In == "path" {
				got = append(got, p.Name)
			}
		}
		if !slices.Equal(want, got) {
			t.Errorf("%s: path parameters %v documented, want %v", rt.pattern, got, want)
		}
		if _, ok := op.Responses["200"]; !ok || op.OperationID == "" {
			t.Errorf("%s: no 200 response or operationId", rt.pattern)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !routes[method+" "+path] {
				t.Errorf("openapi.json describes %s %s, which is not a route", strings.ToUpper(method), path)
			}
		}
	}
}
