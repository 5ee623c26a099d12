using CertManager.Core.Accounts;
using CertManager.Core.Storage;
using CertManager.Testing;
using CertManager.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Tests.Security;

/// <summary>
/// A live circuit's user is checked again on every interval: disabling the user, or ending their sessions from another
/// process, signs the circuit out at the next check; a closed circuit stops checking.
/// </summary>
public sealed class CircuitSessionRevalidatorTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly CoreTestHost _host = CoreTestHost.Create();
    private readonly ServerAuthenticationStateProvider _authentication = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task OnCircuitOpenedAsync_UserDisabledWhileOpen_SignedOutAtTheNextCheck()
    {
        var accounts = _host.Get<UserAccountService>();
        var admin = await CreateAsync(accounts, "circuit-admin", UserRole.Administrator);
        var user = await CreateAsync(accounts, "circuit-user", UserRole.Operator);
        using var revalidator = await OpenCircuitAsync(user);
        var signedOut = SignedOut();

        Assert.True((await accounts.SetDisabledAsync(user.Id, true, admin.UserName)).Succeeded);
        _host.Time.Advance(CircuitSessionRevalidator.Interval);

        Assert.False((await signedOut.WaitAsync(Bound)).User.Identity?.IsAuthenticated);
        await revalidator.Loop.WaitAsync(Bound);
    }

    [Fact]
    public async Task OnCircuitOpenedAsync_SessionsEndedByAnotherProcess_SignedOutAtTheNextCheck()
    {
        var user = await CreateAsync(_host.Get<UserAccountService>(), "circuit-other", UserRole.Operator);
        using var revalidator = await OpenCircuitAsync(user);
        var signedOut = SignedOut();

        await using (var otherProcess = _host.CreateProviderOverSameData())
        {
            await otherProcess.GetRequiredService<UserAccountService>().EndSessionsAsync(user.Id);
        }

        _host.Time.Advance(CircuitSessionRevalidator.Interval);

        Assert.False((await signedOut.WaitAsync(Bound)).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task OnCircuitClosedAsync_OpenCircuit_StopsCheckingWithoutSigningOut()
    {
        var user = await CreateAsync(_host.Get<UserAccountService>(), "circuit-closed", UserRole.Operator);
        using var revalidator = await OpenCircuitAsync(user);
        Assert.False(revalidator.Loop.IsCompleted);

        await revalidator.OnCircuitClosedAsync(null!, CancellationToken.None);
        await revalidator.Loop.WaitAsync(Bound);

        Assert.True((await _authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    private async Task<CircuitSessionRevalidator> OpenCircuitAsync(UserSummary user)
    {
        // As the circuit factory does: the host's user first, then the circuit handlers (the circuit itself is not read).
        _authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(ConsoleClaims.CreatePrincipal(user, _host.Time.GetUtcNow()))));
        var validator = new SessionValidator(_host.Get<UserAccountService>(), _host.Get<DatabaseChangeCounter>(), Options.Create(new SessionOptions()), _host.Time);
        var revalidator = new CircuitSessionRevalidator(_authentication, validator, _host.Time, NullLogger<CircuitSessionRevalidator>.Instance);
        await revalidator.OnCircuitOpenedAsync(null!, CancellationToken.None);
        return revalidator;
    }

    private Task<AuthenticationState> SignedOut()
    {
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        _authentication.AuthenticationStateChanged += async state => changed.TrySetResult(await state);
        return changed.Task;
    }

    private static async Task<UserSummary> CreateAsync(UserAccountService accounts, string name, UserRole role)
    {
        var created = await accounts.CreateAsync(name, role, "Circuit-password-123", mustChangePassword: false, "test");
        Assert.True(created.Succeeded);
        return created.Value;
    }
}
