package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"clvlab/internal/serve"
)

// serveReady, when set by a test, receives the URL once the server listens
// and is closed to stop it.
var serveReady chan string

func serveCmd(args []string, stdout, stderr io.Writer) int {
	fs := flags("serve", "[-addr 127.0.0.1:8080] [-dir web]", `Serves the interactive planner (web/index.html and the WebAssembly build
web/app.wasm, gzip-compressed) and prints its address. It listens on the
loopback interface unless -addr says otherwise. Build the app first with
make wasm (make run does both).`, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on")
	dir := fs.String("dir", "web", "`folder` with index.html, wasm_exec.js and app.wasm")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if !noArguments(fs, stderr) {
		return ExitUsage
	}
	files := serve.Dir(*dir)
	if err := serve.Check(files); err != nil {
		fmt.Fprintf(stderr, "clvlab serve: %s/%v\n", strings.TrimSuffix(*dir, "/"), err)
		return ExitFailure
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "clvlab serve: %v\n", err)
		return ExitFailure
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "clvlab planner: open %s (Ctrl+C stops)\n", url)
	srv := &http.Server{Handler: serve.Handler(files), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	defer signal.Stop(stop)
	var testStop <-chan string
	if serveReady != nil {
		serveReady <- url
		testStop = serveReady
	}
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "clvlab serve: %v\n", err)
			return ExitFailure
		}
	case <-stop:
	case <-testStop:
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
	return ExitOK
}
