using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CertManager.Web.Security;

/// <summary>
/// Re-checks a live Blazor circuit's user every <see cref="Interval"/>: a disabled user, or one whose password, role or
/// security stamp changed, is signed out of the circuit without waiting for the next page load.
/// </summary>
/// <remarks>
/// A circuit handler, so the loop runs only for circuits: a prerendered page (an HTTP request whose cookie was just
/// checked by <see cref="SessionValidator"/>) has no loop to start and cancel. ASP.NET Core's
/// <see cref="RevalidatingServerAuthenticationStateProvider"/> started one for every authentication state it was given,
/// prerenders included. The same rules as the base class: the state current at each tick is checked, and a check that
/// fails or throws signs the circuit out.
/// </remarks>
internal sealed partial class CircuitSessionRevalidator(
    AuthenticationStateProvider authentication,
    SessionValidator validator,
    TimeProvider timeProvider,
    ILogger<CircuitSessionRevalidator> logger) : CircuitHandler, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>The running loop, for tests: it ends when the circuit is signed out or closed.</summary>
    internal Task Loop => _loop;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_loop.IsCompleted && !_stopping.IsCancellationRequested)
        {
            _loop = RevalidateAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RevalidateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(Interval, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var state = await authentication.GetAuthenticationStateAsync();
            if (state.User.Identity?.IsAuthenticated != true)
            {
                continue;
            }

            bool valid;
            try
            {
                valid = await validator.IsValidAsync(state.User, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A check that cannot be made ends the session, as the framework's base class does.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRevalidationFailed(logger, exception);
                valid = false;
            }

            if (!valid)
            {
                SignOut();
                return;
            }
        }
    }

    private void SignOut()
    {
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    [LoggerMessage(EventId = 2702, Level = LogLevel.Error, Message = "The session of a live page could not be checked; the page is signed out")]
    private static partial void LogRevalidationFailed(ILogger logger, Exception exception);
}
