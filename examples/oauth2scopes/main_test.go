package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary play the example's main when a test runs
// it again with RAMPART_RUN_MAIN=1, so TestServeAndShutDown exercises the
// real command without building it first.
func TestMain(m *testing.M) {
	if os.Getenv("RAMPART_RUN_MAIN") == "1" {
		os.Args = append([]string{os.Args[0]}, strings.Fields(os.Getenv("RAMPART_MAIN_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var listening = regexp.MustCompile(`msg=listening url=(http://127\.0\.0\.1:\d+)`)

// TestServeAndShutDown starts the command on a free loopback port without
// SECRET_KEY, checks that it warns about the random key and serves the
// tutorial, then stops it with SIGTERM and expects a clean exit.
func TestServeAndShutDown(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RAMPART_RUN_MAIN=1", "RAMPART_MAIN_ARGS=-addr 127.0.0.1:0", "SECRET_KEY=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	t.Cleanup(func() {
		cmd.Process.Kill() //nolint:errcheck // already gone when the test passed
		<-exited
	})

	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		exited <- cmd.Wait()
	}()

	var base string
	var log []string
	deadline := time.After(30 * time.Second)
	for base == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("command exited before listening:\n%s", strings.Join(log, "\n"))
			}
			log = append(log, l)
			if m := listening.FindStringSubmatch(l); m != nil {
				base = m[1]
			}
		case <-deadline:
			t.Fatalf("no listening line in 30s:\n%s", strings.Join(log, "\n"))
		}
	}
	if !strings.Contains(strings.Join(log, "\n"), "SECRET_KEY is not set") {
		t.Errorf("no warning about the random key in:\n%s", strings.Join(log, "\n"))
	}

	res, err := http.Get(base + "/status/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 401 || strings.TrimSpace(string(body)) != `{"detail":"Not authenticated"}` {
		t.Errorf("GET /status/ = %d %s, want 401 Not authenticated", res.StatusCode, body)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for l := range lines {
		log = append(log, l)
	}
	select {
	case err := <-exited:
		exited <- err // for the cleanup
		if err != nil {
			t.Errorf("command exited with %v:\n%s", err, strings.Join(log, "\n"))
		}
	case <-time.After(15 * time.Second):
		t.Fatal("command did not stop within 15s of SIGTERM")
	}
	if !strings.Contains(strings.Join(log, "\n"), "msg=stopped") {
		t.Errorf("no stopped line in:\n%s", strings.Join(log, "\n"))
	}
}
