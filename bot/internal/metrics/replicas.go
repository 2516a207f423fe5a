package metrics

import "github.com/prometheus/client_golang/prometheus"

// Replica is what a replica sharing the database reports.
type Replica struct {
	// SchedulerHeld says whether this process runs the scheduled work now.
	SchedulerHeld func() bool
	// Claims counts the outbox channel claims: granted, skipped (another
	// replica holds the channel) and taken over (its owner died).
	Claims func() (claimed, skipped, takenOver int64)
}

// RegisterReplica adds maatwerk_scheduler_held and
// maatwerk_outbox_claims_total{result} to the registry.
func (m *Metrics) RegisterReplica(r Replica) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "maatwerk_scheduler_held",
			Help: "1 while this replica runs the digests, nudges, look-backs and housekeeping, else 0.",
		}, func() float64 {
			if r.SchedulerHeld() {
				return 1
			}
			return 0
		}),
		&claimCounters{src: r.Claims, desc: prometheus.NewDesc("maatwerk_outbox_claims_total",
			"Outbox channel claims by result: claimed, skipped (held by another replica), taken_over (its replica died).",
			[]string{"result"}, nil)},
	)
}

type claimCounters struct {
	src  func() (claimed, skipped, takenOver int64)
	desc *prometheus.Desc
}

func (c *claimCounters) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *claimCounters) Collect(ch chan<- prometheus.Metric) {
	claimed, skipped, takenOver := c.src()
	for _, v := range []struct {
		result string
		n      int64
	}{{"claimed", claimed}, {"skipped", skipped}, {"taken_over", takenOver}} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(v.n), v.result)
	}
}
