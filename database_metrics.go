package main

import (
	"os"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"gorm.io/gorm"

	"liaison/models"
)

// registerDatabaseMetrics adds to /metrics what an operator watches of the
// database: the connection pool (open, in use, idle, waits), and on SQLite
// the size of the write-ahead log, which should stay near its bound
// (models.sqliteDriver) and grows only while a long reader holds it.
func registerDatabaseMetrics(reg prometheus.Registerer, db *gorm.DB, dsn string) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	reg.MustRegister(collectors.NewDBStatsCollector(sqlDB, "liaison"))
	if path, ok := models.SQLitePath(dsn); ok {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "liaison_sqlite_wal_bytes",
			Help: "Size of the SQLite write-ahead log file."}, func() float64 {
			st, err := os.Stat(path + "-wal")
			if err != nil {
				return 0
			}
			return float64(st.Size())
		}))
	}
	return nil
}
