import ConfemuFormats
import ConfemuHTTP
import ConfemuStorage
import ConfemuSupport
import Foundation
import Synchronization

extension Engine {
    /// The per-request pipeline around every provider route (architecture.md §5): namespace selection,
    /// due clock events, pre-route answers, routing, faults, the handler, the confemu headers and the
    /// journal entry. Returns nil when no provider mount claims the path.
    package func handle(_ original: HTTPRequest) async -> HTTPResponse? {
        let started = DispatchTime.now().uptimeNanoseconds
        let (request, prefixName) = Self.strippingNamespacePrefix(original)
        let match = router.match(method: request.method, segments: request.pathSegments)
        guard let mount = match.mount, let provider = providers.first(where: { $0.id.rawValue == mount.owner }) else {
            return nil
        }
        let requestID = makeRequestID()
        let routeMatch: ProviderRouteMatch? = match.route.map { ProviderRouteMatch(operation: $0.operation,
                                                                                  parameters: match.parameters) }

        // 1. Namespace (control-plane.md §2).
        let headerName = request.headers.first("X-Confemu-Namespace")
        let named = headerName ?? prefixName
        let selection: NamespaceSelection
        let info: NamespaceInfo
        if let named {
            guard let found = namespace(named) else {
                let answer = provider.unknownNamespace(request, name: named)
                var response = answer.response
                Self.addConfemuHeaders(&response, namespace: "default", requestID: requestID,
                                       diagnostic: answer.diagnostic)
                if answer.journalInDefault, let fallback = namespace("default") {
                    record(request: request, response: response, provider: provider, operation: routeMatch?.operation,
                           namespace: fallback, requestID: requestID, started: started, faultID: nil,
                           diagnostics: answer.diagnostic.map { [$0] } ?? [])
                }
                return response
            }
            info = found
            selection = headerName != nil ? .header : .prefix
        } else if let byCredential = provider.identifyNamespace(request, match: routeMatch, among: namespaces()),
                  let found = namespace(byCredential) {
            info = found
            selection = .credential
        } else {
            info = namespace("default") ?? NamespaceInfo(name: "default", ordinal: 0, createdAt: startedAt, seed: nil,
                                                         configurations: [:], fixtures: .object([]),
                                                         clock: NamespaceClock())
            selection = .fallback
        }

        // 2. Due clock events run before the request is served (control-plane.md §6).
        await catchUp(namespace: info.name)
        let current = namespace(info.name) ?? info
        let pathPrefix = selection == .prefix ? "/ns/\(FormDecoding.percentEncode(current.name))" : ""
        var behaviours: Set<String> = []
        var faultID: String?
        var diagnostics: [String] = []

        func makeContext() -> ProviderContext {
            ProviderContext(namespace: current, provider: provider.id, selection: selection, pathPrefix: pathPrefix,
                            nowMilliseconds: nowMilliseconds(namespace: current), publicURL: configuration.publicURL,
                            logger: logger.with("requestID", requestID), requestID: requestID,
                            behaviours: behaviours, services: self)
        }

        func finishResponse(_ response: HTTPResponse, operation: String?, context: ProviderContext,
                            journaled: Bool = true) -> HTTPResponse {
            var response = response
            provider.finish(&response, request: request, context: context)
            let all = diagnostics + context.diagnostics
            Self.addConfemuHeaders(&response, namespace: current.name, requestID: requestID, diagnostic: provider.diagnosticHeader(all))
            if journaled {
                record(request: request, response: response, provider: provider, operation: operation,
                       namespace: current, requestID: requestID, started: started, faultID: faultID, diagnostics: all)
            }
            return response
        }

        let preContext = makeContext()
        // http.md 5.6: providers whose spec defines no 413 answer the generic one without running anything.
        if request.bodyTooLarge, !provider.handlesOversizedBodies {
            var response = HTTPResponse.protocolError(status: 413, slug: "body-too-large")
            response.connectionAction = .close
            return finishResponse(response, operation: routeMatch?.operation, context: preContext)
        }

        // 3. Answers before routing (CORS preflights, rate limits).
        if let answer = await provider.preRoute(request, context: preContext) {
            diagnostics += answer.diagnostics
            return finishResponse(answer.response, operation: answer.operation, context: preContext,
                                  journaled: answer.journaled)
        }

        // 4. The provider's own 404 and 405.
        guard let route = match.route else {
            let failure: RoutingFailure = match.allowedMethods.isEmpty ? .notFound
                : .methodNotAllowed(allowed: match.allowedMethods)
            let answer = provider.routingFailure(request, failure: failure, context: preContext)
            diagnostics += answer.diagnostics
            return finishResponse(answer.response, operation: answer.operation, context: preContext,
                                  journaled: answer.journaled)
        }
        let operation = route.operation

        // 5. Faults: the on-demand header, then the namespace's rules (control-plane.md §4).
        var faultKey: String?
        if !configuration.strictFidelity, let key = request.headers.first("X-Confemu-Fault") {
            if provider.catalogue.contains(key) {
                faultKey = key
            } else {
                diagnostics.append(provider.unknownFaultKeyDiagnostic(key))
            }
        }
        // Parameters (which may parse the body) are only computed when the namespace has rules.
        if faultKey == nil, faults.hasRules(namespace: current.name) {
            let parameters = provider.faultParameters(request, pathParameters: match.parameters)
            let alternatives = await provider.resolvedFaultParameters(request, pathParameters: match.parameters,
                                                                      context: preContext)
            let (fired, matched) = faults.evaluate(namespace: current.name, provider: provider.id,
                                                   operation: operation, parameters: parameters,
                                                   alternatives: alternatives) {
                randomSource.draw(namespace: NamespaceRandomSource.faultStream(current.name)) {
                    Double($0.next() >> 11) / Double(1 << 53)
                }
            }
            // Counters are written only when this request matched a rule.
            if matched { await persistFaultCounters(namespace: current.name) }
            if let fired {
                faultID = fired.id
                metrics.faultFired(provider: provider.id.rawValue)
                if let delay = fired.effect.delayMs, delay > 0 {
                    try? await Task.sleep(for: .milliseconds(delay))
                }
                if let connection = fired.effect.connection {
                    var response = HTTPResponse(status: 0)
                    switch connection {
                    case .reset: response.connectionAction = .reset
                    case .close: response.connectionAction = .closeSilently
                    case .hang: response.connectionAction = .hang(maxSeconds: 300)
                    }
                    diagnostics.append("fault: connection \(connection.rawValue)")
                    record(request: request, response: response, provider: provider, operation: operation,
                           namespace: current, requestID: requestID, started: started, faultID: faultID,
                           diagnostics: diagnostics)
                    return response
                }
                if let status = fired.effect.status {
                    var headers = HTTPHeaders(fired.effect.headers)
                    if !headers.contains("Content-Type"), fired.effect.body != nil {
                        headers.set("Content-Type", "text/plain; charset=utf-8")
                    }
                    let response = HTTPResponse(status: status, headers: headers,
                                                body: Array((fired.effect.body ?? "").utf8))
                    diagnostics.append("fault: status \(status)")
                    return finishResponse(response, operation: operation, context: makeContext())
                }
                faultKey = fired.effect.error
            }
        }
        if let key = faultKey {
            switch provider.faultOutcome(key: key, request: request, operation: operation, context: preContext) {
            case .respond(let response):
                diagnostics.append("fault: \(key)")
                return finishResponse(response, operation: operation, context: makeContext())
            case .behaviour(let behaviour):
                diagnostics.append("fault: \(key)")
                behaviours.insert(behaviour)
            case .notApplicable(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }

        // 6. The handler.
        let context = makeContext()
        var response: HTTPResponse
        do {
            response = try await route.handler(ProviderRequest(http: request, parameters: match.parameters,
                                                               operation: operation, context: context))
        } catch let error as ProviderError {
            diagnostics += error.diagnostics
            response = provider.render(error, request: request, operation: operation)
        } catch {
            context.logger.error("handler \(provider.id.rawValue).\(operation) failed: \(error)")
            response = provider.render(ProviderError(provider.internalErrorKey), request: request, operation: operation)
        }
        if request.bodyTooLarge { response.connectionAction = .close }
        return finishResponse(response, operation: operation, context: context)
    }

    /// A context for a control-plane simulation endpoint of `provider` in `namespace` (control-plane.md §8):
    /// due events run first, like before a provider request.
    package func controlContext(namespace name: String, provider: ProviderID) async throws -> ProviderContext {
        guard namespace(name) != nil else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        await catchUp(namespace: name)
        guard let info = namespace(name) else { throw EngineError.notFound("namespace '\(name)' does not exist") }
        let requestID = makeRequestID()
        return ProviderContext(namespace: info, provider: provider, selection: .header, pathPrefix: "",
                               nowMilliseconds: nowMilliseconds(namespace: info), publicURL: configuration.publicURL,
                               logger: logger.with("requestID", requestID), requestID: requestID, behaviours: [],
                               services: self)
    }

    /// Removes a leading `/ns/NAME` (http.md 3.7): path segments, `rawPath` and `rawTarget`; the
    /// query is untouched.
    static func strippingNamespacePrefix(_ request: HTTPRequest) -> (HTTPRequest, String?) {
        guard request.pathSegments.count >= 2, request.pathSegments[0] == "ns" else { return (request, nil) }
        let name = request.pathSegments[1]
        var stripped = request
        stripped.pathSegments = Array(request.pathSegments.dropFirst(2))
        let raw = Array(request.rawPath.utf8)
        // rawPath is "/ns/<raw name>/rest...": cut at the third slash.
        var slashes = 0
        var cut = raw.count
        for (index, byte) in raw.enumerated() where byte == 0x2F {
            slashes += 1
            if slashes == 3 {
                cut = index
                break
            }
        }
        let rest = String(decoding: raw[cut...], as: UTF8.self)
        stripped.rawPath = rest.isEmpty ? "/" : rest
        stripped.rawTarget = stripped.rawPath + (request.rawQuery.map { "?" + $0 } ?? "")
        return (stripped, name)
    }

    static func addConfemuHeaders(_ response: inout HTTPResponse, namespace: String, requestID: String,
                                  diagnostic: String?) {
        response.headers.set("X-Confemu-Namespace", namespace)
        response.headers.set("X-Confemu-Request-Id", requestID)
        if let diagnostic { response.headers.set("X-Confemu-Diagnostic", headerSafe(diagnostic)) }
    }

    /// Bytes outside printable ASCII written as `%XX`, cut at 1,000 characters (bbb.md §3.4).
    package static func headerSafe(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if out.utf8.count >= 1000 { break }
            if byte >= 0x20, byte < 0x7F, byte != 0x25 {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let digits = Array("0123456789ABCDEF")
                out.append("%")
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 15)])
            }
        }
        return String(out.prefix(1000))
    }

    func record(request: HTTPRequest, response: HTTPResponse, provider: any Provider, operation: String?,
                namespace: NamespaceInfo, requestID: String, started: UInt64, faultID: String?, diagnostics: [String]) {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds &- started) / 1_000_000
        var headers: [(name: String, value: String)] = []
        for (name, value) in request.headers {
            headers.append((name, HTTPHeaders.equalNames(name, "Authorization") ? "[redacted]" : value))
        }
        var entry = JournalEntry(
            id: requestID, sequence: journal.nextSequence(), timeMilliseconds: nowMilliseconds(namespace: namespace),
            provider: provider.id, operation: operation, method: request.method.rawValue, path: request.rawPath,
            query: request.rawQuery, requestHeaders: headers, requestBody: JournalEntry.excerpt(request.body),
            status: response.status, responseBody: JournalEntry.excerpt(response.body), durationMs: elapsed,
            faultID: faultID, diagnostics: diagnostics)
        provider.redact(&entry)
        journal.append(entry, namespace: namespace.name)
        metrics.request(provider: provider.id.rawValue, operation: operation, status: response.status,
                        seconds: elapsed / 1000)
    }
}
