// Command referrers-registry serves go-containerregistry's registry (pkg/registry) with the OCI 1.1
// referrers API switched on, which `crane registry serve` does not expose. Tests use it as the
// registry that indexes referrers itself, beside distribution 2.8 which needs the tag fallback.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

func main() {
	address := flag.String("address", "127.0.0.1:0", "address to listen on")
	ociSubject := flag.Bool("oci-subject", false, "answer a manifest push that has a subject with the OCI-Subject header, as zot and Harbor do")
	flag.Parse()

	listener, err := net.Listen("tcp", *address)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving on %s", listener.Addr())
	server := &http.Server{
		Handler:           counted(withOCISubject(*ociSubject, registry.New(registry.WithReferrersSupport(true), registry.Logger(log.New(discard{}, "", 0))))),
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Fatal(server.Serve(listener))
}

// counted serves GET /_counts: the requests served so far by route and method (benchmarks read it
// instead of putting a counting proxy on the same cores).
func counted(next http.Handler) http.Handler {
	var mu sync.Mutex
	counts := map[string]int{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/_counts" {
			mu.Lock()
			defer mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(counts)
			return
		}
		key := route(r.URL.Path) + " " + strings.ToLower(r.Method)
		mu.Lock()
		counts[key]++
		mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// withOCISubject adds the OCI-Subject header the distribution spec asks of registries with the referrers
// API when they index a pushed manifest's subject; go-containerregistry's registry indexes it but sends none.
func withOCISubject(enabled bool, next http.Handler) http.Handler {
	if !enabled {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut || !strings.Contains(r.URL.Path, "/manifests/") {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		var manifest struct {
			Subject *struct {
				Digest string `json:"digest"`
			} `json:"subject"`
		}
		if json.Unmarshal(body, &manifest) == nil && manifest.Subject != nil {
			w = subjectHeaderWriter{ResponseWriter: w, subject: manifest.Subject.Digest}
		}
		next.ServeHTTP(w, r)
	})
}

type subjectHeaderWriter struct {
	http.ResponseWriter
	subject string
}

func (w subjectHeaderWriter) WriteHeader(status int) {
	if status == http.StatusCreated {
		w.Header().Set("OCI-Subject", w.subject)
	}
	w.ResponseWriter.WriteHeader(status)
}

// route names a request the way distribution's metrics do.
func route(path string) string {
	switch {
	case strings.Contains(path, "/blobs/uploads/"):
		return "blob_upload"
	case strings.Contains(path, "/blobs/"):
		return "blob"
	case strings.Contains(path, "/manifests/"):
		return "manifest"
	case strings.Contains(path, "/tags/"):
		return "tags"
	case strings.Contains(path, "/referrers/"):
		return "referrers"
	default:
		return "base"
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
