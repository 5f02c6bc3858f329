import FlyingFox
import Foundation
import Workbook

/// Answers requests from the built site in memory: pages as built, copied
/// files read from where they were copied from. GET and HEAD only; paths
/// that try to leave the site are refused before any lookup.
struct SiteHandler: HTTPHandler {
    let state: SiteState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else { return Self.methodNotAllowed() }
        let head = request.method == .HEAD
        guard let site = state.site else {
            return Self.response(.serviceUnavailable, type: ContentType.of("index.html"), body: LiveClient.waitingPage, head: head)
        }
        guard var path = RequestPath.sitePath(request.target.path()) else { return notFound(site, head: head, nested: true) }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        guard let content = site.files[path] else {
            if site.files[path + "/index.html"] != nil {
                // A folder named without its slash: relative links need the slash.
                return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: request.target.path() + "/", .cacheControl: "no-store"]))
            }
            return notFound(site, head: head, nested: path.contains("/"))
        }
        guard let bytes = Self.bytes(of: content, at: path) else { return notFound(site, head: head, nested: path.contains("/")) }
        let type = ContentType.of(path)
        let body = type.hasPrefix("text/html") ? LiveClient.inject(into: bytes, page: path) : bytes
        return Self.response(.ok, type: type, body: body, head: head)
    }

    /// The site's own 404 page, with status 404. It was built to sit at the
    /// site root, so under a folder it gets `<base href="/">` to keep its styles and links.
    func notFound(_ site: Site, head: Bool, nested: Bool) -> HTTPResponse {
        guard let page = site.files["404.html"]?.inMemory else {
            return Self.response(.notFound, type: ContentType.of("404.txt"), body: Array("Not found\n".utf8), head: head)
        }
        return Self.response(.notFound, type: ContentType.of("404.html"), body: LiveClient.inject(into: page, page: "", base: nested ? "/" : nil), head: head)
    }

    static func bytes(of content: Site.Content, at path: String) -> [UInt8]? {
        switch content {
        case .bytes, .parts: content.inMemory
        case .copy(let source): CopiedFile.read(source, sitePath: path)
        }
    }

    static func methodNotAllowed() -> HTTPResponse {
        HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([.allow: "GET, HEAD", .contentType: ContentType.of("405.txt")]),
                     body: Data("Method Not Allowed: the preview serves GET and HEAD only\n".utf8))
    }

    static func response(_ status: HTTPStatusCode, type: String, body: [UInt8], head: Bool) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: type,
            .cacheControl: "no-store",
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
        if head { headers[.contentLength] = String(body.count) }
        return HTTPResponse(statusCode: status, headers: headers, body: head ? Data() : Data(body))
    }
}

extension HTTPHeader {
    static let allow = HTTPHeader("Allow")
}
