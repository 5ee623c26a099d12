using CertManager.Core.Export;
using CertManager.Testing;
using CertManager.Web.Services;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Web.Tests.Services;

public sealed class ExportTicketStoreTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Redeem_SameUserWithinLifetime_ReturnsTheExportOnce()
    {
        var store = new ExportTicketStore(_time);
        var export = Prepare();
        var ticket = store.Issue(7, export);

        Assert.Same(export, store.Redeem(ticket, 7));
        Assert.Null(store.Redeem(ticket, 7));
    }

    [Fact]
    public void Redeem_OtherUser_RefusedAndTheTicketIsBurnt()
    {
        var store = new ExportTicketStore(_time);
        var ticket = store.Issue(7, Prepare());

        Assert.Null(store.Redeem(ticket, 8));
        Assert.Null(store.Redeem(ticket, null));
        Assert.Null(store.Redeem(ticket, 7));
    }

    [Fact]
    public void Redeem_AfterLifetime_Refused()
    {
        var store = new ExportTicketStore(_time);
        var ticket = store.Issue(7, Prepare());

        _time.Advance(ExportTicketStore.Lifetime);

        Assert.Null(store.Redeem(ticket, 7));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("guessed-ticket")]
    public void Redeem_UnknownTicket_Refused(string? ticket)
    {
        Assert.Null(new ExportTicketStore(_time).Redeem(ticket, 7));
    }

    [Fact]
    public void Issue_TwoTickets_AreDistinctAndUnguessablyLong()
    {
        var store = new ExportTicketStore(_time);

        var first = store.Issue(7, Prepare());
        var second = store.Issue(7, Prepare());

        Assert.NotEqual(first, second);
        Assert.Equal(43, first.Length);
    }

    private PreparedExport Prepare() => _host.Get<BundleExporter>().Prepare(new ExportRequest(ExportFormat.Zip)).Value;
}
