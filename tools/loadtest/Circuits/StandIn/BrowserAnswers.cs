// A hand-written browser stand-in (not Chromium), used only because 1,000 Chromium pages do not fit one machine: it
// holds idle circuits of the console as blazor.web.js does; time to interactive is still measured in Chromium.
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;

namespace CertManager.LoadTest.Circuits.StandIn;

/// <summary>
/// What a browser answers to each JavaScript call the console makes while it starts a circuit for the tab and the
/// circuit then idles: the result blazor.web.js returns for that identifier, as JSON. An identifier not listed is a
/// call the stand-in cannot answer as a browser would; the circuit fails with its name rather than guessing.
/// </summary>
internal sealed class BrowserAnswers
{
    private static readonly FrozenDictionary<string, Func<PrerenderedPage, string>> Results = new Dictionary<string, Func<PrerenderedPage, string>>(StringComparer.Ordinal)
    {
        // Void calls: blazor.web.js answers "[taskId,true,null]" (JSON.stringify of an undefined result).
        ["Blazor._internal.attachWebRendererInterop"] = _ => "null",
        ["Blazor._internal.navigationManager.enableNavigationInterception"] = _ => "null",
        // FocusOnNavigate: focuses the element of its selector; nothing to return.
        ["Blazor._internal.domWrapper.focusBySelector"] = _ => "null",
        // PageTitle: the page's own <title> that is no component's output (removed then), or null.
        ["Blazor._internal.PageTitle.getAndRemoveExistingTitle"] = page => JsonSerializer.Serialize(page.ExistingTitle),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>Identifiers the console called, with how often, for the tool's closing line.</summary>
    public IReadOnlyDictionary<string, int> Seen => _seen;

    /// <summary>The result JSON for <paramref name="identifier"/>, or null when a browser's answer is not known.</summary>
    public string? ResultFor(string identifier, PrerenderedPage page)
    {
        _seen.AddOrUpdate(identifier, 1, (_, count) => count + 1);
        return Results.TryGetValue(identifier, out var result) ? result(page) : null;
    }
}
