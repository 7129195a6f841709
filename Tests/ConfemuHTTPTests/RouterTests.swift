import Testing
@testable import ConfemuHTTP

@Suite("Router (http.md 3.7, 10.1, 10.2)")
struct RouterTests {
    typealias TestRouter = Router<String>

    static let videsk = Mount<String>(prefix: "/vpaas", owner: "videsk", cors: .nodeDefaults,
                                      ignoresTrailingSlash: true, routes: [
        Route(.GET, "/rooms", operation: "rooms.list", handler: "list"),
        Route(.POST, "/rooms", operation: "rooms.create", bodyLimit: 2048, handler: "create"),
        Route(.GET, "/rooms/{roomId}", operation: "rooms.get", handler: "get"),
        Route(.DELETE, "/rooms/{roomId}", operation: "rooms.delete", handler: "delete"),
        Route(.GET, "/rooms/search", operation: "rooms.search", handler: "search"),
        Route(.POST, "/rooms/{roomId}/join", operation: "rooms.join", handler: "join"),
    ])
    static let control = Mount<String>(prefix: "/_confemu", owner: "control-plane", bodyLimit: 16_777_216, routes: [
        Route(.GET, "/health", operation: "health", handler: "health"),
        Route(.HEAD, "/custom-head", operation: "customHead", handler: "customHead"),
        Route(.GET, "/custom-head", operation: "customGet", handler: "customGet"),
    ])
    static let meetingz = Mount<String>(prefix: "/{key}/api", owner: "bbb", routes: [
        Route(.GET, "/{call}", operation: "call", handler: "keyed"),
    ])
    static let bbb = Mount<String>(prefix: "/bigbluebutton/api", owner: "bbb", ignoresTrailingSlash: true, routes: [
        Route(.GET, "", operation: "index", handler: "index"),
        Route(.GET, "/{call}", operation: "call", handler: "call"),
    ])
    static let nested = Mount<String>(prefix: "/vpaas/v2", owner: "nested", routes: [
        Route(.GET, "/rooms", operation: "v2.rooms", handler: "v2"),
    ])

    let router = TestRouter(mounts: [videsk, control, meetingz, bbb, nested])

    func segments(_ path: String) -> [String] { PathPattern.decodedSegments(ofRawPath: path) }

    func found(_ method: HTTPMethod, _ path: String) -> (handler: String, parameters: [String: String])? {
        guard case .found(_, let route, let parameters) = router.match(method: method, segments: segments(path)) else {
            return nil
        }
        return (route.handler, parameters)
    }

    @Test("parameters are bound from the pattern and from the mount prefix")
    func parameters() {
        #expect(found(.GET, "/vpaas/rooms/abc")?.handler == "get")
        #expect(found(.GET, "/vpaas/rooms/abc")?.parameters == ["roomId": "abc"])
        #expect(found(.POST, "/vpaas/rooms/r%2F1/join")?.parameters == ["roomId": "r/1"])
        #expect(found(.GET, "/KEY1/api/create")?.parameters == ["key": "KEY1", "call": "create"])
    }

    @Test("a literal route wins over a parameter at the same position")
    func literalBeforeParameter() {
        #expect(found(.GET, "/vpaas/rooms/search")?.handler == "search")
        // The literal path has no DELETE; the parameter route with DELETE answers.
        #expect(found(.DELETE, "/vpaas/rooms/search")?.handler == "delete")
    }

    @Test("a known path with another method gives 405 with the allowed methods in registration order")
    func methodNotAllowed() {
        guard case .methodNotAllowed(let mount, let allowed) = router.match(method: .PUT, segments: segments("/vpaas/rooms"))
        else {
            Issue.record("expected 405")
            return
        }
        #expect(mount.owner == "videsk")
        #expect(allowed == [.GET, .POST])
    }

    @Test("an unknown path under a mount is that mount's 404; a path no mount claims is noMount")
    func notFoundVersusNoMount() {
        guard case .notFound(let mount) = router.match(method: .GET, segments: segments("/vpaas/nope")) else {
            Issue.record("expected the mount's 404")
            return
        }
        #expect(mount.owner == "videsk")
        guard case .noMount = router.match(method: .GET, segments: segments("/elsewhere")) else {
            Issue.record("expected noMount")
            return
        }
        guard case .noMount = router.match(method: .GET, segments: segments("/vpaasX/rooms")) else {
            Issue.record("a prefix matches whole segments only")
            return
        }
    }

    @Test("HEAD runs the GET route unless HEAD is registered")
    func headFallsBackToGet() {
        #expect(found(.HEAD, "/_confemu/health")?.handler == "health")
        #expect(found(.HEAD, "/_confemu/custom-head")?.handler == "customHead")
        guard case .methodNotAllowed(_, let allowed) = router.match(method: .HEAD, segments: segments("/vpaas/rooms/x/join"))
        else {
            Issue.record("HEAD without a GET route is 405")
            return
        }
        #expect(allowed == [.POST])
    }

    @Test("mounts are tried longest prefix first")
    func longestPrefix() {
        #expect(found(.GET, "/vpaas/v2/rooms")?.handler == "v2")
        #expect(found(.GET, "/vpaas/rooms")?.handler == "list")
        // `/bigbluebutton/api` (two literals) before `/{key}/api` (one literal, one parameter).
        #expect(found(.GET, "/bigbluebutton/api/create")?.handler == "call")
    }

    @Test("a trailing slash is ignored only where the mount says so")
    func trailingSlash() {
        #expect(found(.GET, "/vpaas/rooms/")?.handler == "list")
        #expect(found(.GET, "/bigbluebutton/api/")?.handler == "index")
        #expect(found(.GET, "/bigbluebutton/api")?.handler == "index")
        guard case .notFound = router.match(method: .GET, segments: segments("/_confemu/health/")) else {
            Issue.record("no trailing-slash leniency on the control plane")
            return
        }
        // Only one trailing slash.
        guard case .notFound = router.match(method: .GET, segments: segments("/vpaas/rooms//")) else {
            Issue.record("two trailing slashes are a different path")
            return
        }
    }

    @Test("matching is case-sensitive, without dot-segment removal, on decoded segments")
    func noNormalisation() {
        #expect(found(.GET, "/_confemu/%68ealth")?.handler == "health")
        #expect(found(.GET, "/_confemu/Health") == nil)
        #expect(found(.GET, "/_confemu/./health") == nil)
        #expect(found(.GET, "/vpaas/x/../rooms") == nil)
        #expect(found(.GET, "//_confemu/health") == nil)
        // A parameter never binds an empty segment.
        #expect(found(.POST, "/vpaas/rooms//join") == nil)
        #expect(found(.POST, "/vpaas/rooms/x/join")?.handler == "join")
    }

    @Test("the body limit comes from the route, else its mount, else the default (nil)")
    func bodyLimits() {
        #expect(router.bodyLimit(method: .POST, rawPath: "/vpaas/rooms") == 2048)
        #expect(router.bodyLimit(method: .GET, rawPath: "/_confemu/health") == 16_777_216)
        #expect(router.bodyLimit(method: .POST, rawPath: "/_confemu/nope") == nil)
        #expect(router.bodyLimit(method: .POST, rawPath: "/vpaas/rooms/x") == nil)
        #expect(router.bodyLimit(method: .GET, rawPath: "/nowhere") == nil)
    }
}

@Suite("PathPattern and path decoding (http.md 3.7)")
struct PathPatternTests {
    @Test("raw paths split on / with each segment decoded on its own", arguments: [
        ("/", [""]),
        ("/a/b", ["a", "b"]),
        ("/a/", ["a", ""]),
        ("/a%2Fb/c", ["a/b", "c"]),
        ("/a+b", ["a+b"]),
        ("/%ZZ/x", ["%ZZ", "x"]),
        ("/%E9t%C3%A9", ["%E9t%C3%A9"]),
        ("/caf%C3%A9", ["café"]),
        ("//x", ["", "x"]),
    ])
    func decoding(raw: String, expected: [String]) {
        #expect(PathPattern.decodedSegments(ofRawPath: raw) == expected)
    }

    @Test("patterns parse literals and whole-segment parameters")
    func parsing() {
        #expect(PathPattern("/rooms/{id}").segments == [.literal("rooms"), .parameter("id")])
        #expect(PathPattern("/rooms/{id}.json").segments == [.literal("rooms"), .literal("{id}.json")])
        #expect(PathPattern("").segments.isEmpty)
        #expect(PathPattern("/").segments == [.literal("")])
        #expect(PathPattern("/rooms/{id}").description == "/rooms/{id}")
    }
}
