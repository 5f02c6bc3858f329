import FlyingFox
import Foundation

/// Routes a request: the live-reload stream and client files under
/// `/__workbook/`, everything else to the site.
struct PreviewHandler: HTTPHandler {
    let site: SiteHandler
    let channel: LiveReloadChannel

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else { return SiteHandler.methodNotAllowed() }
        let head = request.method == .HEAD
        switch request.target.path() {
        case "/" + LiveReloadChannel.path:
            return head ? HTTPResponse(statusCode: .ok, headers: LiveReloadChannel.headers) : channel.response()
        case "/" + LiveClient.scriptPath:
            return SiteHandler.response(.ok, type: ContentType.of(LiveClient.scriptPath), body: LiveClient.script, head: head)
        case "/" + LiveClient.stylePath:
            return SiteHandler.response(.ok, type: ContentType.of(LiveClient.stylePath), body: LiveClient.style, head: head)
        default:
            return try await site.handleRequest(request)
        }
    }
}
