package httpapi

import (
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
)

// params is a request's query string, checked: only known parameters, each
// at most once unless it is a list.
type params struct {
	v url.Values
}

// readParams parses the query string of r. names are the parameters the
// endpoint knows; a name ending in "*" may repeat (a list). Unknown or
// repeated parameters are EINVALID, so that a typo is not silently
// ignored.
func readParams(r *http.Request, names ...string) (params, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return params{}, farsight.Errorf(farsight.EINVALID, "malformed query string")
	}
	known := map[string]bool{}
	var list []string
	for _, n := range names {
		name, multi := strings.CutSuffix(n, "*")
		known[name] = multi
		list = append(list, name)
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		multi, ok := known[k]
		if !ok {
			if len(list) == 0 {
				return params{}, farsight.Errorf(farsight.EINVALID, "unknown parameter %q: this endpoint takes none", k)
			}
			return params{}, farsight.Errorf(farsight.EINVALID, "unknown parameter %q (known: %s)", k, strings.Join(list, ", "))
		}
		if !multi && len(v[k]) > 1 {
			return params{}, farsight.Errorf(farsight.EINVALID, "parameter %q given more than once", k)
		}
	}
	return params{v: v}, nil
}

// str returns a parameter's value; "" when absent.
func (p params) str(name string) string {
	return strings.TrimSpace(p.v.Get(name))
}

// optional returns a pointer to a parameter's value, nil when absent or
// empty.
func (p params) optional(name string) *string {
	if s := p.str(name); s != "" {
		return &s
	}
	return nil
}

// list returns the values of a list parameter, given repeated or
// comma-separated.
func (p params) list(name string) []string {
	var out []string
	for _, v := range p.v[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// date returns a YYYY-MM-DD parameter, nil when absent.
func (p params) date(name string) (*string, error) {
	s := p.optional(name)
	if s == nil {
		return nil, nil
	}
	if _, err := time.Parse(time.DateOnly, *s); err != nil {
		return nil, farsight.Errorf(farsight.EINVALID, "parameter %q: %q is not a date (want YYYY-MM-DD)", name, *s)
	}
	return s, nil
}

// float returns a finite number parameter, nil when absent.
func (p params) float(name string) (*float64, error) {
	s := p.optional(name)
	if s == nil {
		return nil, nil
	}
	v, err := strconv.ParseFloat(*s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, farsight.Errorf(farsight.EINVALID, "parameter %q: %q is not a number", name, *s)
	}
	return &v, nil
}

// integer returns an integer parameter in [lo, hi], def when absent.
func (p params) integer(name string, lo, hi, def int) (int, error) {
	s := p.str(name)
	if s == "" {
		return def, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < lo || v > hi {
		return 0, farsight.Errorf(farsight.EINVALID, "parameter %q: %q is not an integer from %d to %d", name, s, lo, hi)
	}
	return v, nil
}

// boolean returns a true/false parameter, false when absent.
func (p params) boolean(name string) (bool, error) {
	s := p.str(name)
	if s == "" {
		return false, nil
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		return false, farsight.Errorf(farsight.EINVALID, "parameter %q: %q is not true or false", name, s)
	}
	return v, nil
}

// bbox returns a "min_lon,min_lat,max_lon,max_lat" parameter, nil when
// absent.
func (p params) bbox(name string) (*farsight.BBox, error) {
	s := p.optional(name)
	if s == nil {
		return nil, nil
	}
	parts := strings.Split(*s, ",")
	if len(parts) != 4 {
		return nil, farsight.Errorf(farsight.EINVALID, "parameter %q: want four numbers min_lon,min_lat,max_lon,max_lat, got %d", name, len(parts))
	}
	var v [4]float64
	for i, part := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, farsight.Errorf(farsight.EINVALID, "parameter %q: %q is not a number", name, part)
		}
		v[i] = f
	}
	b := farsight.BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	if err := b.Validate(); err != nil {
		return nil, farsight.Errorf(farsight.EINVALID, "parameter %q: %s", name, farsight.ErrorMessage(err))
	}
	return &b, nil
}

// pathID returns the positive integer path value name.
func pathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, farsight.Errorf(farsight.EINVALID, "%s %q is not a positive integer", name, s)
	}
	return id, nil
}
