import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Synchronization

/// `GET /_confemu/ui` (control-plane.md §10): one server-rendered HTML page, no JavaScript, small inline
/// CSS. `?namespace=NAME` shows one namespace, `?limit=N` the journal length (default 50), `?refresh=S`
/// reloads the page every S seconds.
enum DashboardPage {
    @Sendable static func handle(_ request: ControlRequest) async throws -> HTTPResponse {
        let engine = request.engine
        let query = request.http.query
        let only = query.first("namespace").flatMap { $0.isEmpty ? nil : $0 }
        let limit = query.first("limit").flatMap(Int.init).map { min(max($0, 1), 1000) } ?? 50
        let refresh = query.first("refresh").flatMap(Int.init).map { min(max($0, 1), 3600) }
        let namespaces = engine.namespaces().filter { only == nil || $0.name == only }
        if let only, namespaces.isEmpty { throw ControlError(404, "not-found", "namespace '\(only)' does not exist") }

        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>confemu</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">

            """
        if let refresh { html += "<meta http-equiv=\"refresh\" content=\"\(refresh)\">\n" }
        html += "<style>\(style)</style></head><body>\n"
        html += "<header><h1>confemu</h1><span>version \(escape(ConfemuVersion.string)) · "
        html += "\(engine.namespaces().count) namespace(s) · \(engine.journal.totalCount()) journal entries · "
        html += "<a href=\"/_confemu/ui?refresh=5\">auto-refresh</a> · <a href=\"/_confemu/metrics\">metrics</a> · "
        html += "<a href=\"/_confemu/openapi.json\">openapi.json</a></span></header>\n"
        html += "<nav>" + engine.namespaces().map { info in
            "<a href=\"/_confemu/ui?namespace=\(escape(FormDecoding.percentEncode(info.name)))\">\(escape(info.name))</a>"
        }.joined(separator: " ") + "</nav>\n"

        for info in namespaces {
            html += try await section(info, engine: engine, limit: limit)
        }
        html += "</body></html>\n"
        return HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", body: html)
    }

    static func section(_ info: NamespaceInfo, engine: Engine, limit: Int) async throws -> String {
        let real = engine.wallClock.now()
        let clock = info.clock
        var html = "<section><h2>\(escape(info.name))</h2>\n"
        html += "<p class=\"clock\">clock <b>\(escape(Timestamp.rfc3339Milliseconds(clock.now(real: real))))</b>"
        html += clock.isFrozen ? " <span class=\"tag frozen\">frozen</span>" : " <span class=\"tag\">running</span>"
        html += " offset \(clock.offsetSeconds(real: real)) s · created "
        html += "\(escape(Timestamp.rfc3339Milliseconds(info.createdAt))) · seed \(info.seed.map(String.init) ?? "none")</p>\n"

        // Provider state (live meetings, rooms, sessions), as the fixtures document shows it.
        if let state = try? await engine.exportState(namespace: info.name), case .object(let sections) = state {
            html += "<h3>State</h3>\n"
            for (provider, value) in sections {
                html += "<details><summary>\(escape(provider))</summary><pre>\(escape(value.jsonString()))</pre></details>\n"
            }
        }

        let faults = engine.faults.list(namespace: info.name)
        html += "<h3>Faults (\(faults.count))</h3>\n"
        if faults.isEmpty {
            html += "<p class=\"none\">no rules</p>\n"
        } else {
            html += "<table><tr><th>id</th><th>match</th><th>trigger</th><th>effect</th><th>hits</th><th>remaining</th></tr>\n"
            for rule in faults {
                html += "<tr><td>\(escape(rule.id))</td><td><code>\(escape(rule.document["match"]?.jsonString() ?? "{}"))</code></td>"
                html += "<td><code>\(escape(rule.document["trigger"]?.jsonString() ?? "{}"))</code></td>"
                html += "<td><code>\(escape(rule.document["effect"]?.jsonString() ?? "{}"))</code></td>"
                html += "<td class=\"num\">\(rule.hits)</td><td class=\"num\">\(rule.remaining.map(String.init) ?? "∞")</td></tr>\n"
            }
            html += "</table>\n"
        }

        let entries = engine.journal.list(namespace: info.name, filter: JournalFilter(), limit: limit)
        html += "<h3>Journal (newest \(entries.count))</h3>\n"
        if entries.isEmpty {
            html += "<p class=\"none\">no requests</p>\n"
        } else {
            html += "<table><tr><th>time</th><th>provider</th><th>operation</th><th>request</th><th>status</th>"
            html += "<th>ms</th><th>fault</th><th>diagnostics</th></tr>\n"
            for entry in entries {
                let statusClass = entry.status >= 500 || entry.status == 0 ? "s5" : entry.status >= 400 ? "s4" : "s2"
                let target = entry.path + (entry.query.map { "?" + $0 } ?? "")
                html += "<tr><td>\(escape(Timestamp.rfc3339Milliseconds(NamespaceClock.date(entry.timeMilliseconds))))</td>"
                html += "<td>\(escape(entry.provider.rawValue))</td><td>\(escape(entry.operation ?? "–"))</td>"
                html += "<td><code>\(escape(entry.method)) \(escape(String(target.prefix(200))))</code></td>"
                html += "<td class=\"num \(statusClass)\">\(entry.status)</td>"
                html += "<td class=\"num\">\(String(format: "%.1f", entry.durationMs))</td>"
                html += "<td>\(escape(entry.faultID ?? ""))</td>"
                html += "<td>\(entry.diagnostics.map { "<div class=\"diag\">\(escape($0))</div>" }.joined())</td></tr>\n"
            }
            html += "</table>\n"
        }

        let outbox = (try? await engine.outbox(namespace: info.name, filter: OutboxFilter())) ?? []
        html += "<h3>Outbox (\(outbox.count))</h3>\n"
        if outbox.isEmpty {
            html += "<p class=\"none\">nothing sent</p>\n"
        } else {
            html += "<table><tr><th>id</th><th>kind</th><th>event</th><th>to</th><th>state</th><th>attempts</th></tr>\n"
            for entry in outbox.prefix(limit) {
                let attempts = entry.attempts.map { attempt in
                    attempt["status"]?.intValue.map(String.init) ?? attempt["error"]?.stringValue ?? "?"
                }.joined(separator: ", ")
                html += "<tr><td>\(entry.id)</td><td>\(escape(entry.kind))</td><td>\(escape(entry.event))</td>"
                html += "<td><code>\(escape(entry.url ?? entry.to ?? ""))</code></td>"
                html += "<td class=\"\(entry.state == "failed" ? "s5" : entry.state == "pending" ? "s4" : "s2")\">\(escape(entry.state))</td>"
                html += "<td>\(escape(attempts))</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html + "</section>\n"
    }

    /// Text as HTML: `& < > " '` escaped.
    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#f6f7f9}
        header{background:#1f2937;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:baseline}
        header h1{font-size:18px;margin:0}header a{color:#93c5fd}nav{padding:6px 16px;background:#e5e7eb}
        nav a{margin-right:10px}section{background:#fff;margin:12px 16px;padding:8px 16px;border-radius:6px;
        box-shadow:0 1px 2px #0002}h2{margin:4px 0}h3{margin:12px 0 4px;font-size:15px}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:3px 6px;
        border-bottom:1px solid #e5e7eb;vertical-align:top}th{background:#f3f4f6}.num{text-align:right}
        .s2{color:#166534}.s4{color:#b45309}.s5{color:#b91c1c;font-weight:600}.diag{font-family:monospace;
        font-size:12px;color:#555;white-space:pre-wrap}.none{color:#888}.tag{padding:0 6px;border-radius:8px;
        background:#dcfce7}.frozen{background:#dbeafe}code,pre{font-size:12px}pre{white-space:pre-wrap;margin:4px 0}
        """
}
