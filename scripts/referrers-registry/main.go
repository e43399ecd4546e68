// Command referrers-registry serves go-containerregistry's registry (pkg/registry) with the OCI 1.1
// referrers API switched on, which `crane registry serve` does not expose. Tests use it as the
// registry that indexes referrers itself, beside distribution 2.8 which needs the tag fallback.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

func main() {
	address := flag.String("address", "127.0.0.1:0", "address to listen on")
	flag.Parse()

	listener, err := net.Listen("tcp", *address)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving on %s", listener.Addr())
	server := &http.Server{
		Handler:           registry.New(registry.WithReferrersSupport(true), registry.Logger(log.New(discard{}, "", 0))),
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Fatal(server.Serve(listener))
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
