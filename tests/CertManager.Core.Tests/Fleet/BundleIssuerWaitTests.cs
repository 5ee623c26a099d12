using System.Runtime.ExceptionServices;
using System.Runtime.Versioning;
using CertManager.Core.Fleet;
using CertManager.Core.Tests.Support;

namespace CertManager.Core.Tests.Fleet;

/// <summary>The edge's long poll (<see cref="BundleIssuer.WaitForChangeAsync"/>) on the rig's fake clock.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleIssuerWaitTests : IDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(50);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly FleetRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task WaitForChange_NothingChanges_EndsAtTheTimeoutWithoutThrowing()
    {
        var current = await _rig.InstallOnEdgeAsync();
        var issuer = _rig.Edge.Get<BundleIssuer>();
        // Exceptions raised in this test's own async flow only: other tests run in parallel in this process.
        var thisTest = new AsyncLocal<bool> { Value = true };
        var thrown = new List<string>();
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (thisTest.Value)
            {
                lock (thrown)
                {
                    thrown.Add(e.Exception.GetType().Name);
                }
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            var wait = issuer.WaitForChangeAsync(current, LongPoll);
            Assert.False(wait.IsCompleted);
            _rig.Edge.Time.Advance(LongPoll);
            await wait.WaitAsync(Bound);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        // Every follower ends every long poll this way: it is not an exception.
        Assert.Empty(thrown);
    }

    [Fact]
    public async Task WaitForChange_CertificateInstalledMeanwhile_EndsBeforeTheTimeout()
    {
        var current = await _rig.InstallOnEdgeAsync();
        var wait = _rig.Edge.Get<BundleIssuer>().WaitForChangeAsync(current, LongPoll);
        Assert.False(wait.IsCompleted);

        var next = await _rig.InstallOnEdgeAsync();

        await wait.WaitAsync(Bound);
        Assert.NotEqual(current, next);
    }

    [Fact]
    public async Task WaitForChange_FollowerGoesAway_Cancelled()
    {
        var current = await _rig.InstallOnEdgeAsync();
        using var gone = new CancellationTokenSource();
        var wait = _rig.Edge.Get<BundleIssuer>().WaitForChangeAsync(current, LongPoll, gone.Token);

        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Bound));
    }
}
