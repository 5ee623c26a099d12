using CertManager.Core.Accounts;
using CertManager.Core.Storage;
using CertManager.Testing;
using CertManager.Web.Security;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Tests.Security;

/// <summary>
/// The validator keeps the user it read for the next requests; every change that ends sessions, made by this process
/// or another, still ends them at the very next request.
/// </summary>
public sealed class SessionValidatorTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task IsValidAsync_AfterEachChangeThatEndsSessions_FalseAtTheNextRequest()
    {
        var accounts = _host.Get<UserAccountService>();
        var validator = new SessionValidator(accounts, _host.Get<DatabaseChangeCounter>(), Options.Create(new SessionOptions()), _host.Time);
        var admin = await CreateAsync(accounts, "session-admin", UserRole.Administrator);
        var user = await CreateAsync(accounts, "session-user", UserRole.Operator);

        var session = ConsoleClaims.CreatePrincipal(user, _host.Time.GetUtcNow());
        Assert.True(await validator.IsValidAsync(session));
        Assert.True(await validator.IsValidAsync(session));

        Assert.True((await accounts.SetDisabledAsync(user.Id, true, admin.UserName)).Succeeded);
        Assert.False(await validator.IsValidAsync(session));

        Assert.True((await accounts.SetDisabledAsync(user.Id, false, admin.UserName)).Succeeded);
        session = ConsoleClaims.CreatePrincipal((await accounts.FindAsync(user.Id))!, _host.Time.GetUtcNow());
        Assert.True(await validator.IsValidAsync(session));

        await accounts.EndSessionsAsync(user.Id);
        Assert.False(await validator.IsValidAsync(session));

        session = ConsoleClaims.CreatePrincipal((await accounts.FindAsync(user.Id))!, _host.Time.GetUtcNow());
        Assert.True(await validator.IsValidAsync(session));
        Assert.True((await accounts.SetRoleAsync(user.Id, UserRole.Helpdesk, admin.UserName)).Succeeded);
        Assert.False(await validator.IsValidAsync(session));
    }

    [Fact]
    public async Task IsValidAsync_StampChangedByAnotherProcess_FalseAtTheNextRequest()
    {
        var accounts = _host.Get<UserAccountService>();
        var validator = new SessionValidator(accounts, _host.Get<DatabaseChangeCounter>(), Options.Create(new SessionOptions()), _host.Time);
        var user = await CreateAsync(accounts, "session-other", UserRole.Operator);
        var session = ConsoleClaims.CreatePrincipal(user, _host.Time.GetUtcNow());
        Assert.True(await validator.IsValidAsync(session));

        await using (var otherProcess = _host.CreateProviderOverSameData())
        {
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<UserAccountService>(otherProcess).EndSessionsAsync(user.Id);
        }

        Assert.False(await validator.IsValidAsync(session));
    }

    private static async Task<UserSummary> CreateAsync(UserAccountService accounts, string name, UserRole role)
    {
        var created = await accounts.CreateAsync(name, role, "Session-password-123", mustChangePassword: false, "test");
        Assert.True(created.Succeeded);
        return created.Value;
    }
}
