// A hand-written browser stand-in (not Chromium), used only because 1,000 Chromium pages do not fit one machine: it
// holds idle circuits of the console as blazor.web.js does; time to interactive is still measured in Chromium.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CertManager.LoadTest.Circuits.StandIn;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the server component markers
/// (<c>&lt;!--Blazor:{"type":"server",...}--&gt;</c>, in the order of their <c>sequence</c>) and the persisted component
/// state (<c>&lt;!--Blazor-Server-Component-State:...--&gt;</c>); and the page's own title, the one
/// <c>Blazor._internal.PageTitle.getAndRemoveExistingTitle</c> finds: the last <c>&lt;title&gt;</c> in the head that is
/// not a component's prerendered output (not right after a component's marker comment), or null.
/// </summary>
internal sealed partial record PrerenderedPage(IReadOnlyList<JsonObject> ServerMarkers, string ApplicationState, string? ExistingTitle)
{
    public static PrerenderedPage Read(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerComment().Matches(html))
        {
            // End markers carry only the prerender id; the start marker of an interactive server component has its type.
            if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject marker && (string?)marker["type"] == "server")
            {
                markers.Add(marker);
            }
        }

        markers.Sort((a, b) => ((int?)a["sequence"] ?? 0).CompareTo((int?)b["sequence"] ?? 0));
        var state = StateComment().Match(html);
        var head = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase) is var end and >= 0 ? html[..end] : html;
        var title = Title().Matches(head).LastOrDefault(match => !match.Groups["marker"].Success);
        return new PrerenderedPage(markers, state.Success ? state.Groups["state"].Value : "", title is null ? null : WebUtility.HtmlDecode(title.Groups["text"].Value));
    }

    /// <summary>
    /// The first UpdateRootComponents batch blazor.web.js sends for these markers: each marker as the browser keeps it
    /// (the marker's fields and the page's running <c>uniqueId</c>, its DOM nodes left out) in an "add" operation with
    /// the SSR component id it numbers from 1.
    /// </summary>
    public string FirstOperationBatch()
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerMarkers.Count; i++)
        {
            var marker = (JsonObject)ServerMarkers[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(JsonSerializerOptions.Default);
    }

    [GeneratedRegex(@"(?<marker><!--Blazor:\{[^>]*\}-->)?<title>(?<text>.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex Title();

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerComment();

    // The same pattern blazor.web.js applies to the comment's text.
    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)-->")]
    private static partial Regex StateComment();
}
