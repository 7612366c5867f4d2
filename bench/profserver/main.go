// Command profserver runs Liaison's router exactly as `liaison serve` wires
// it, with net/http/pprof on a second loopback port, so that a load run can
// be profiled (CPU, heap, allocations) without a profiling endpoint in the
// production binary.
//
//	profserver -db sqlite:bench/data/liaison-1m.db -addr 127.0.0.1:18490 -pprof 127.0.0.1:18499
package main

import (
	"context"
	"flag"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"time"

	"gorm.io/gorm"

	"liaison/api"
	"liaison/models"
	"liaison/services"
)

func main() {
	dsn := flag.String("db", "sqlite:bench/data/liaison-1m.db", "sqlite:PATH or a postgres:// URL")
	addr := flag.String("addr", "127.0.0.1:18490", "listen address")
	pprofAddr := flag.String("pprof", "127.0.0.1:18499", "pprof listen address")
	flag.Parse()
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError}))
	db, err := models.Open(*dsn, logger)
	if err != nil {
		log.Fatal(err)
	}
	if err := models.Migrate(db); err != nil {
		log.Fatal(err)
	}
	if os.Getenv("PROFSERVER_PREPARE") == "1" {
		// Measures what caching prepared statements would give (models.Open
		// leaves it off).
		db = db.Session(&gorm.Session{PrepareStmt: true})
	}
	svc := services.New(db, logger, services.Config{})
	if os.Getenv("PROFSERVER_QUEUE") == "1" {
		// The job queue as `liaison serve` runs it beside the requests.
		q, err := svc.NewQueue(services.QueueConfig{Log: logger})
		if err == nil {
			err = q.Start(context.Background())
		}
		if err != nil {
			log.Fatal(err)
		}
	}
	router, err := api.NewRouter(api.Deps{Services: svc, Log: logger, Version: "profile"})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	go func() { log.Fatal(http.ListenAndServe(*pprofAddr, mux)) }()
	srv := &http.Server{Addr: *addr, Handler: router, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
