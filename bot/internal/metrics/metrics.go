package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// ackKinds are the label values of the acknowledgement histogram, one per
// Slack route.
func ackKinds() []string { return []string{"commands", "interactivity", "events"} }

// ackBuckets are the upper bounds (seconds) of the acknowledgement
// histogram: Slack's deadline is 3 s, the target is a few milliseconds.
func ackBuckets() []float64 {
	return []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3}
}

// Sources are the gauges read at each scrape. A nil function leaves its
// metric out; a function that fails leaves it out of that scrape.
type Sources struct {
	// OutboxDepth is the number of Slack updates waiting to be sent.
	OutboxDepth func() int
	// Cases counts the cases in the database.
	Cases func() (int, error)
	// Quarantined counts the records set aside as unreadable.
	Quarantined func() (int, error)
}

// Metrics is one bot's registry. It is safe for concurrent use.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	ack      *prometheus.HistogramVec
	api      *prometheus.CounterVec
}

// New registers the bot's metrics, reading the gauges from src.
func New(src Sources) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "maatwerk_http_requests_total",
			Help: "HTTP requests served, by route and status code.",
		}, []string{"path", "code"}),
		ack: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "maatwerk_ack_seconds",
			Help:    "Time from receiving a Slack request to writing its acknowledgement, by kind.",
			Buckets: ackBuckets(),
		}, []string{"kind"}),
		api: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "maatwerk_slack_api_calls_total",
			Help: "Slack Web API calls, by method and result (ok, ratelimited, 5xx, network, or Slack's error code).",
		}, []string{"method", "result"}),
	}
	for _, k := range ackKinds() {
		m.ack.WithLabelValues(k) // every kind shows, also before its first request
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.ack, m.api,
		newGauges(src),
	)
	return m
}

// Request counts one HTTP request by route and status code.
func (m *Metrics) Request(path string, code int) {
	m.requests.WithLabelValues(path, strconv.Itoa(code)).Inc()
}

// Ack records how long the acknowledgement of a Slack request of kind took.
// Kinds other than commands, interactivity and events are not recorded.
func (m *Metrics) Ack(kind string, d time.Duration) {
	for _, k := range ackKinds() {
		if k == kind {
			m.ack.WithLabelValues(kind).Observe(d.Seconds())
		}
	}
}

// APICall counts one Web API call by method and result. Both must be
// bounded label values (see the caller's errorLabel).
func (m *Metrics) APICall(method, result string) {
	m.api.WithLabelValues(method, result).Inc()
}

// Handler serves the registry in the Prometheus exposition formats.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Registry is the registry, for tests that read it with testutil.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// gauges reads Sources at each scrape. A source that fails is left out of
// the scrape rather than reported as 0, which would look like a fact.
type gauges struct {
	src                 Sources
	outbox, cases, quar *prometheus.Desc
}

func newGauges(src Sources) *gauges {
	return &gauges{
		src:    src,
		outbox: prometheus.NewDesc("maatwerk_outbox_depth", "Slack updates waiting to be sent.", nil, nil),
		cases:  prometheus.NewDesc("maatwerk_cases", "Cases in the database.", nil, nil),
		quar:   prometheus.NewDesc("maatwerk_quarantined_records", "Records set aside because they could not be read (maatwerkbot check).", nil, nil),
	}
}

func (g *gauges) Describe(ch chan<- *prometheus.Desc) {
	ch <- g.outbox
	ch <- g.cases
	ch <- g.quar
}

func (g *gauges) Collect(ch chan<- prometheus.Metric) {
	if f := g.src.OutboxDepth; f != nil {
		ch <- prometheus.MustNewConstMetric(g.outbox, prometheus.GaugeValue, float64(f()))
	}
	for _, s := range []struct {
		desc *prometheus.Desc
		f    func() (int, error)
	}{{g.cases, g.src.Cases}, {g.quar, g.src.Quarantined}} {
		if s.f == nil {
			continue
		}
		if n, err := s.f(); err == nil {
			ch <- prometheus.MustNewConstMetric(s.desc, prometheus.GaugeValue, float64(n))
		}
	}
}
