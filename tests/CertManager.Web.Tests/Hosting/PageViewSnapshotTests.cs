using CertManager.Core.Events;
using CertManager.Core.Storage;
using CertManager.Testing;
using CertManager.Web.Components;
using CertManager.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Web.Tests.Hosting;

/// <summary>
/// A GET of a Blazor page reads the data version once for the whole view (another process's commit during it is seen
/// by the next request); a form post and a request for anything else read it at each use.
/// </summary>
public sealed class PageViewSnapshotTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("GET", true, true)]
    [InlineData("HEAD", true, true)]
    [InlineData("POST", true, false)]
    [InlineData("GET", false, false)]
    public async Task UsePageViewSnapshot_Request_OneVersionPerViewOnlyForPageViews(string method, bool page, bool oneVersion)
    {
        var counter = _host.Get<DatabaseChangeCounter>();
        await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "the database exists", "system");
        bool? sameVersion = null;
        var app = new ApplicationBuilder(_host.Services);
        app.UsePageViewSnapshot();
        app.Run(async _ =>
        {
            var first = counter.Read();
            await CommitInAnotherProcessAsync();
            sameVersion = counter.Read() == first;
        });
        var context = new DefaultHttpContext { Request = { Method = method } };
        var metadata = page ? new EndpointMetadataCollection(new ComponentTypeMetadata(typeof(App))) : EndpointMetadataCollection.Empty;
        context.SetEndpoint(new Endpoint(null, metadata, "test endpoint"));

        await app.Build()(context);

        Assert.Equal(oneVersion, sameVersion);
        // After the view every reader sees another process's commit again.
        var before = counter.Read();
        await CommitInAnotherProcessAsync();
        Assert.True(counter.Read() > before);
    }

    private Task CommitInAnotherProcessAsync()
    {
        // Another process does not share this one's execution context.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(async () =>
            {
                await using var otherProcess = _host.CreateProviderOverSameData();
                await otherProcess.GetRequiredService<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "elsewhere", "system");
            });
        }
    }
}
