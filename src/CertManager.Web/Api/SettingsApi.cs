using CertManager.Core.Alerts;
using CertManager.Core.Alerts.Channels;
using CertManager.Core.Tokens;
using CertManager.Web.Api.Contracts;
using CertManager.Web.Security;

namespace CertManager.Web.Api;

/// <summary>
/// <c>/api/v1/settings/alerts</c>: the alert settings in effect (the SMTP password is never returned), and the
/// webhook channels, which administrators add, remove and test here as on the Email Alerts page.
/// </summary>
internal static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/alerts", GetAsync)
            .RequireScope(ApiScopes.Admin)
            .WithName("GetAlertSettings")
            .WithSummary("The email alert settings in effect, and which of them configuration sets.")
            .Produces<AlertSettings>();
        api.MapGet("/settings/alerts/webhooks", ListWebhooksAsync)
            .RequireScope(ApiScopes.Admin)
            .WithName("ListWebhooks")
            .WithSummary("The webhook alert channels, from configuration and added in the console; URLs and secrets are never returned.")
            .Produces<IReadOnlyList<WebhookResource>>();
        api.MapPost("/settings/alerts/webhooks", AddWebhookAsync)
            .RequireScope(ApiScopes.Admin)
            .WithName("AddWebhook")
            .WithSummary("Adds a webhook alert channel; its URL and secret are stored encrypted.")
            .Produces<WebhookResource>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/settings/alerts/webhooks/{name}", RemoveWebhookAsync)
            .RequireScope(ApiScopes.Admin)
            .WithName("RemoveWebhook")
            .WithSummary("Removes a webhook added in the console (one from configuration is removed there).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/settings/alerts/webhooks/{name}/test", TestWebhookAsync)
            .RequireScope(ApiScopes.Admin)
            .WithName("TestWebhook")
            .WithSummary("Sends a test alert to the webhook now, outside the queue, and says whether its receiver accepted it.")
            .Produces<string>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IReadOnlyList<WebhookResource>> ListWebhooksAsync(AlertSettingsStore store, CancellationToken cancellationToken) =>
        [.. (await store.GetEffectiveAsync(includePassword: false, cancellationToken)).Webhooks.Select(WebhookResource.Of)];

    private static async Task<IResult> AddWebhookAsync(WebhookInput input, HttpContext context, WebhookChannelStore webhooks, AlertSettingsStore store, CancellationToken cancellationToken)
    {
        var added = await webhooks.AddAsync(input, context.User.ActorName(), cancellationToken);
        if (!added.Succeeded)
        {
            return ApiProblems.From(added);
        }

        var webhook = (await store.GetEffectiveAsync(includePassword: false, cancellationToken)).Webhooks.First(w => w.Name == added.Value);
        return Results.Created($"{ApiEndpoints.Prefix}/settings/alerts/webhooks/{Uri.EscapeDataString(added.Value)}", WebhookResource.Of(webhook));
    }

    private static async Task<IResult> RemoveWebhookAsync(string name, HttpContext context, WebhookChannelStore webhooks, CancellationToken cancellationToken)
    {
        var removed = await webhooks.RemoveAsync(name, context.User.ActorName(), cancellationToken);
        return removed.Succeeded ? Results.NoContent() : ApiProblems.From(removed);
    }

    private static async Task<IResult> TestWebhookAsync(string name, HttpContext context, AlertDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var sent = await dispatcher.SendWebhookTestAsync(name, context.User.ActorName(), cancellationToken);
        return sent.Succeeded ? Results.Ok(sent.Value) : ApiProblems.From(sent);
    }

    private static Task<AlertSettings> GetAsync(AlertSettingsStore store, CancellationToken cancellationToken) =>
        store.GetEffectiveAsync(includePassword: false, cancellationToken);
}
