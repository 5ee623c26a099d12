using CertManager.Core.Events;
using CertManager.Core.Tokens;
using CertManager.Web.Api.Contracts;
using CertManager.Web.Security;

namespace CertManager.Web.Api;

/// <summary><c>/api/v1/events</c>: the event viewer for scripts: filter, page, acknowledge.</summary>
internal static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", QueryAsync)
            .RequireScope(ApiScopes.EventsRead)
            .WithName("ListEvents")
            .WithSummary("Events newest first, filtered by severity, minimum severity, source and time; zero-based pages of at most 200.")
            .Produces<EventPage>();
        api.MapPost("/events/{id:long}/acknowledge", AcknowledgeAsync)
            .RequireScope(ApiScopes.EventsWrite)
            .WithName("AcknowledgeEvent")
            .WithSummary("Acknowledges an event (once; later calls keep the first acknowledgement).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<EventPage> QueryAsync([AsParameters] EventFilter filter, EventRecorder events, CancellationToken cancellationToken) =>
        events.QueryAsync(filter.ToQuery(), cancellationToken);

    private static async Task<IResult> AcknowledgeAsync(long id, HttpContext context, EventRecorder events, CancellationToken cancellationToken) =>
        await events.AcknowledgeAsync(id, context.User.ActorName(), cancellationToken)
            ? Results.NoContent()
            : ApiProblems.For(ApiErrors.EventNotFound, StatusCodes.Status404NotFound);
}
