import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// `GET /_confemu/metrics` (control-plane.md §10, http.md §12): Prometheus text.
enum MetricsHandlers {
    @Sendable static func metrics(_ request: ControlRequest) async throws -> HTTPResponse {
        let body = render(engine: request.engine, http: request.controlPlane.server?.statistics)
        return HTTPResponse(status: 200, contentType: PrometheusText.contentType, body: body)
    }

    static func render(engine: Engine, http: HTTPServerStatistics?) -> String {
        let snapshot = engine.metrics.snapshot
        var out = PrometheusText()

        out.family("confemu_requests_total", type: "counter",
                   help: "Provider requests by provider, operation and status.")
        let keys = snapshot.requests.keys.sorted {
            ($0.provider, $0.operation, $0.status) < ($1.provider, $1.operation, $1.status)
        }
        for key in keys {
            out.sample("confemu_requests_total", [("provider", key.provider), ("operation", key.operation),
                                                  ("status", String(key.status))], snapshot.requests[key] ?? 0)
        }

        out.family("confemu_request_duration_seconds", type: "histogram",
                   help: "Time from the start of the pipeline to the journaled response, by provider.")
        for provider in snapshot.latencyBuckets.keys.sorted() {
            let buckets = snapshot.latencyBuckets[provider] ?? []
            for (index, bound) in EngineMetrics.latencyBounds.enumerated() {
                let count = index < buckets.count ? buckets[index] : 0
                out.sample("confemu_request_duration_seconds_bucket",
                           [("provider", provider), ("le", PrometheusText.format(bound))], count)
            }
            let total = snapshot.latencyCount[provider] ?? 0
            out.sample("confemu_request_duration_seconds_bucket", [("provider", provider), ("le", "+Inf")], total)
            out.sample("confemu_request_duration_seconds_sum", [("provider", provider)],
                       snapshot.latencySum[provider] ?? 0)
            out.sample("confemu_request_duration_seconds_count", [("provider", provider)], total)
        }

        out.family("confemu_faults_fired_total", type: "counter", help: "Fault rules that fired, by provider.")
        for provider in snapshot.faultsFired.keys.sorted() {
            out.sample("confemu_faults_fired_total", [("provider", provider)], snapshot.faultsFired[provider] ?? 0)
        }
        out.family("confemu_outbox_deliveries_total", type: "counter",
                   help: "Callback delivery attempts by outcome (delivered, retry, failed).")
        for state in snapshot.outboxDeliveries.keys.sorted() {
            out.sample("confemu_outbox_deliveries_total", [("state", state)], snapshot.outboxDeliveries[state] ?? 0)
        }
        out.family("confemu_clock_events_total", type: "counter", help: "Clock events fired, by name.")
        for name in snapshot.eventsFired.keys.sorted() {
            out.sample("confemu_clock_events_total", [("name", name)], snapshot.eventsFired[name] ?? 0)
        }
        out.family("confemu_namespaces", type: "gauge", help: "Namespaces that exist.")
        out.sample("confemu_namespaces", [], engine.namespaces().count)
        out.family("confemu_journal_entries", type: "gauge", help: "Request journal entries kept, all namespaces.")
        out.sample("confemu_journal_entries", [], engine.journal.totalCount())
        out.family("confemu_fault_rules", type: "gauge", help: "Fault rules defined, all namespaces.")
        out.sample("confemu_fault_rules", [], engine.faults.totalCount())

        // http.md §12: the HTTP layer's own counters, when a server is running.
        if let http {
            out.family("confemu_http_protocol_errors_total", type: "counter",
                       help: "HTTP-layer responses (http.md 11.7) by slug.")
            for reason in http.protocolErrors.keys.sorted() {
                out.sample("confemu_http_protocol_errors_total", [("reason", reason)], http.protocolErrors[reason] ?? 0)
            }
            out.family("confemu_http_connections_open", type: "gauge", help: "Open client connections.")
            out.sample("confemu_http_connections_open", [], http.connectionsOpen)
            out.family("confemu_http_connections_accepted_total", type: "counter", help: "Accepted connections.")
            out.sample("confemu_http_connections_accepted_total", [], http.connectionsAccepted)
            out.family("confemu_http_connections_evicted_total", type: "counter",
                       help: "Idle connections closed to admit a new one (http.md 9.6).")
            out.sample("confemu_http_connections_evicted_total", [], http.connectionsEvicted)
            out.family("confemu_http_connections_rejected_total", type: "counter",
                       help: "Connections refused with 503 server-busy (http.md 9.6).")
            out.sample("confemu_http_connections_rejected_total", [], http.connectionsRejected)
            out.family("confemu_http_requests_total", type: "counter", help: "Requests parsed by the HTTP layer.")
            out.sample("confemu_http_requests_total", [], http.requests)
        }
        return out.text
    }
}
