import ConfemuControlPlane
import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP
import ConfemuSupport
import Foundation
import Testing

@Suite("Operations view: metrics, OpenAPI and the dashboard (control-plane.md §10, http.md §12)")
struct OperationsViewTests {
    @Test("metrics expose requests, latency histogram, faults, clock events, namespaces and journal size")
    func metrics() async throws {
        let h = try await Harness.make()
        _ = await h.send(.GET, "/test/items")
        _ = await h.send(.GET, "/test/items")
        _ = await h.send(.GET, "/test/items/zz")
        _ = await h.send(.GET, "/test/items", headers: [("X-Confemu-Fault", "busy")])
        _ = await h.control(.POST, "/_confemu/namespaces/default/faults", json: ["effect": ["error": "busy"]])
        _ = await h.send(.GET, "/test/whoami")
        _ = await h.send(.POST, "/test/items", json: ["id": "t", "ttlSeconds": 1])
        _ = await h.control(.POST, "/_confemu/namespaces/default/clock/advance", json: ["seconds": 2])
        let r = await h.control(.GET, "/_confemu/metrics")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let lines = Set(r.text.split(separator: "\n").map(String.init))
        #expect(lines.contains("# TYPE confemu_requests_total counter"))
        #expect(lines.contains(#"confemu_requests_total{provider="videsk",operation="items.list",status="200"} 2"#))
        #expect(lines.contains(#"confemu_requests_total{provider="videsk",operation="items.list",status="503"} 1"#))
        #expect(lines.contains(#"confemu_requests_total{provider="videsk",operation="items.get",status="404"} 1"#))
        #expect(lines.contains("# TYPE confemu_request_duration_seconds histogram"))
        #expect(lines.contains(#"confemu_request_duration_seconds_bucket{provider="videsk",le="+Inf"} 6"#))
        #expect(lines.contains(#"confemu_request_duration_seconds_count{provider="videsk"} 6"#))
        #expect(lines.contains(#"confemu_faults_fired_total{provider="videsk"} 1"#))
        #expect(lines.contains(#"confemu_clock_events_total{name="test.item.expired"} 1"#))
        #expect(lines.contains("confemu_namespaces 1"))
        #expect(lines.contains("confemu_journal_entries 6"))
        #expect(lines.contains("confemu_fault_rules 1"))
        #expect(!r.text.contains("confemu_http_"))  // no server given
        await h.close()
    }

    @Test("with a server, the HTTP-layer counters of http.md §12 are shown")
    func httpCounters() async throws {
        let server = HTTPServer(configuration: HTTPServer.Configuration(), logger: .discarding,
                                responder: { _ in HTTPResponse(status: 204) })
        let h = try await Harness.make(server: server)
        let text = await h.control(.GET, "/_confemu/metrics").text
        for line in ["# TYPE confemu_http_protocol_errors_total counter", "confemu_http_connections_open 0",
                     "confemu_http_connections_evicted_total 0", "confemu_http_connections_rejected_total 0"] {
            #expect(text.contains(line + "\n"))
        }
        await h.close()
    }

    @Test("label values are escaped")
    func escaping() {
        #expect(PrometheusText.escape("a\"b\\c\nd") == #"a\"b\\c\nd"#)
        #expect(PrometheusText.format(0.0025) == "0.0025")
        #expect(PrometheusText.format(3) == "3")
    }

    @Test("openapi.json is OpenAPI 3.1 with every control-plane route, its schemas and provider contributions")
    func openAPI() async throws {
        let h = try await Harness.make()
        let r = await h.control(.GET, "/_confemu/openapi.json")
        #expect(r.status == 200)
        let doc = r.json
        #expect(doc["openapi"] == "3.1.0")
        let paths = try #require(doc["paths"]?.objectValue)
        let keys = paths.map(\.key)
        for path in ["/_confemu/health", "/_confemu/namespaces", "/_confemu/namespaces/{name}", "/_confemu/metrics",
                     "/_confemu/openapi.json", "/_confemu/ui", "/_confemu/namespaces/{name}/faults/{id}",
                     "/_confemu/namespaces/{name}/requests/wait", "/_confemu/namespaces/{name}/videsk/items/{id}/rename",
                     "/test/items"] {
            #expect(keys.contains(path), "missing \(path)")
        }
        let create = doc["paths"]?["/_confemu/namespaces"]?["post"]
        #expect(create?["operationId"] == "namespaces.create")
        #expect(create?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"] == "#/components/schemas/NamespaceCreate")
        #expect(create?["responses"]?["201"]?["content"]?["application/json"]?["schema"]?["$ref"] == "#/components/schemas/Namespace")
        let deleteFault = doc["paths"]?["/_confemu/namespaces/{name}/faults/{id}"]?["delete"]
        #expect(deleteFault?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["name", "id"])
        // Every $ref points at a schema that exists.
        let schemas = Set(doc["components"]?["schemas"]?.keys ?? [])
        var refs: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for member in members {
                    if member.key == "$ref", let text = member.value.stringValue { refs.append(text) } else { collect(member.value) }
                }
            case .array(let values): values.forEach(collect)
            default: break
            }
        }
        collect(doc)
        #expect(!refs.isEmpty)
        for ref in refs { #expect(schemas.contains(String(ref.dropFirst("#/components/schemas/".count))), "dangling \(ref)") }
        await h.close()
    }

    @Test("the dashboard shows namespaces, journal with diagnostics, faults with hits, outbox and clock; text is escaped")
    func dashboard() async throws {
        let h = try await Harness.make()
        _ = await h.control(.POST, "/_confemu/namespaces", json: ["name": "second"])
        _ = await h.control(.POST, "/_confemu/namespaces/default/faults",
                            json: ["match": ["operation": "items.get"], "trigger": ["times": 3], "effect": ["error": "busy"]])
        _ = await h.send(.GET, "/test/items/a")
        _ = await h.send(.GET, "/test/whoami", headers: [("X-Test-Diagnose", "<script>alert(1)</script>")])
        _ = await h.send(.POST, "/test/items", json: ["id": "m", "mailTo": "ann@example.com"])
        _ = await h.control(.POST, "/_confemu/namespaces/default/clock/freeze")
        let r = await h.control(.GET, "/_confemu/ui")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "text/html; charset=utf-8")
        let page = r.text
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<h2>default</h2>"))
        #expect(page.contains("<h2>second</h2>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("<td class=\"num\">1</td><td class=\"num\">2</td>"))  // hits 1, remaining 2
        #expect(page.contains("ann@example.com"))
        #expect(page.contains("2026-11-22T10:00:00.000Z</b> <span class=\"tag frozen\">frozen</span>"))
        #expect(page.contains("items.get"))
        let one = await h.control(.GET, "/_confemu/ui?namespace=second&refresh=5")
        #expect(!one.text.contains("<h2>default</h2>"))
        #expect(one.text.contains("<meta http-equiv=\"refresh\" content=\"5\">"))
        #expect(await h.control(.GET, "/_confemu/ui?namespace=nope").status == 404)
        await h.close()
    }
}
