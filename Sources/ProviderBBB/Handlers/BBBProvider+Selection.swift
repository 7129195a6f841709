import ConfemuEngine
import ConfemuFormats
import ConfemuHTTP

/// What a BBB path is, read from its segments (bbb.md §1).
struct BBBPath {
    enum Kind: Equatable {
        /// An API path: the Meetingz key (nil for `/bigbluebutton/api`) and the call (nil for the root);
        /// `deeper` when more segments follow the call (an unsupported call).
        case api(key: String?, call: String?, deeper: Bool)
        case client(String)
        case playback(String)
        case other
    }

    let kind: Kind

    init(_ segments: [String]) {
        var rest = segments[...]
        var key: String?
        if rest.first == "html5client", rest.count == 2, let page = rest.last {
            kind = .client(page)
            return
        }
        if rest.count == 4, Array(rest.prefix(3)) == ["playback", "presentation", "2.3"], let id = rest.last {
            kind = .playback(id)
            return
        }
        if rest.count >= 2, rest.first == "bigbluebutton", rest.dropFirst().first == "api" {
            rest = rest.dropFirst(2)
        } else if rest.count >= 2, rest.dropFirst().first == "api", let first = rest.first {
            key = first
            rest = rest.dropFirst(2)
        } else if rest.count >= 3, Array(rest.dropFirst().prefix(2)) == ["bigbluebutton", "api"], let first = rest.first {
            key = first
            rest = rest.dropFirst(3)
        } else {
            kind = .other
            return
        }
        // One trailing slash is tolerated after the root or the call (bbb.md §1).
        if rest.last == "" { rest = rest.dropLast() }
        switch rest.count {
        case 0: kind = .api(key: key, call: nil, deeper: false)
        case 1: kind = .api(key: key, call: rest.first, deeper: false)
        default: kind = .api(key: key, call: rest.first, deeper: true)
        }
    }

    /// The operation the path maps to (bbb.md §1.1).
    var operation: String? {
        switch kind {
        case .api(_, let call, let deeper):
            guard let call else { return BBBOperation.index }
            return !deeper && BBBOperation.calls.contains(call) ? call : BBBOperation.unsupported
        case .client(let page):
            switch page {
            case "join": return BBBOperation.clientJoin
            case "guestWait": return BBBOperation.guestWait
            case "leave": return BBBOperation.clientLeave
            default: return nil
            }
        case .playback: return BBBOperation.playback
        case .other: return nil
        }
    }
}

extension BBBProvider {
    /// bbb.md §2.1 rule 3.
    package func identifyNamespace(_ request: HTTPRequest, match: ProviderRouteMatch?,
                                   among namespaces: [NamespaceInfo]) -> String? {
        let path = BBBPath(request.pathSegments)
        switch path.kind {
        case .client:
            guard let token = request.query.first("sessionToken") else { return nil }
            return index.namespace(forToken: token)
        case .playback(let recordID):
            return index.namespace(forRecording: recordID)
        case .api(let key?, _, _):
            return namespaces.first { BBBConfiguration($0.configuration(.bbb)).key == key }?.name
        case .api(nil, let call?, false):
            guard BBBOperation.calls.contains(call) else { return nil }
            // The first namespace, in creation order, whose secret verifies the checksum.
            for namespace in namespaces.sorted(by: { $0.ordinal < $1.ordinal }) {
                let configuration = BBBConfiguration(namespace.configuration(.bbb))
                let result = ChecksumVerifier.verify(call: call, request: request, secret: configuration.secret,
                                                     allowed: configuration.checksumAlgorithms,
                                                     namespace: namespace.name)
                if result.outcome == .valid { return namespace.name }
            }
            return nil
        default:
            return nil
        }
    }

    /// bbb.md §2.1: an unknown namespace by header or `/ns/` is BBB's "unauthorized", journaled in `default`.
    package func unknownNamespace(_ request: HTTPRequest, name: String) -> UnknownNamespaceAnswer {
        let diagnostic = "checksumError: unknown namespace \"\(name)\""
        let path = BBBPath(request.pathSegments)
        let response: HTTPResponse
        switch path.kind {
        case .client, .playback:
            response = BBBResponse.html(BBBResponse.page(title: "Not found", body: "<h1>Invalid session token</h1>"),
                                        status: 404)
        default:
            let operation = path.operation ?? BBBOperation.index
            let spec = BBBCatalogue.spec(BBBErrorKey.checksumError, operation: operation)
                ?? BBBErrorSpec(messageKey: "checksumError", message: "Checksums do not match")
            // No public URL is known here: the join error rule falls back to the request's own host.
            let base = "http://" + (request.authority ?? request.headers.first("Host") ?? "127.0.0.1")
            response = operation == BBBOperation.join
                ? JoinErrorRule.respond(spec, parameters: BBBParameters(request), baseURL: base)
                : BBBResponse.xml(spec.body, status: spec.status)
        }
        return UnknownNamespaceAnswer(response: response, journalInDefault: true, diagnostic: diagnostic)
    }

    /// Paths inside the empty-prefix mount that match no route: deeper API paths are unsupported calls
    /// (bbb.md §1); anything else is the generic 404 of http.md 10.2, not journaled.
    package func routingFailure(_ request: HTTPRequest, failure: RoutingFailure,
                                context: ProviderContext) -> PreRouteAnswer {
        let path = BBBPath(request.pathSegments)
        if case .api = path.kind {
            let spec = BBBCatalogue.spec(BBBErrorKey.unsupportedRequest, operation: BBBOperation.unsupported)
                ?? BBBErrorSpec(messageKey: "unsupportedRequest", message: "This request is not supported.")
            return PreRouteAnswer(response: BBBResponse.xml(spec.body), operation: BBBOperation.unsupported)
        }
        return PreRouteAnswer(response: HTTPResponse.protocolError(status: 404, slug: "no-route", close: false),
                              operation: nil, journaled: false)
    }

    /// bbb.md §10: any key may be used with any BBB operation; `join` goes through the join error rule.
    package func faultOutcome(key: String, request: HTTPRequest, operation: String,
                              context: ProviderContext) -> FaultOutcome {
        guard let spec = BBBCatalogue.spec(key, operation: operation, meetingID: BBBCatalogue.meetingID(of: request))
        else { return .notApplicable(diagnostic: "fault: \(key) does not apply to \(operation)") }
        if operation == BBBOperation.join {
            return .respond(JoinErrorRule.respond(spec, parameters: BBBParameters(request), baseURL: context.baseURL))
        }
        return .respond(BBBResponse.xml(spec.body, status: spec.status))
    }
}
