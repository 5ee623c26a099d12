using CertManager.Core.Accounts;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Tests.Accounts;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FirstAdministratorSeederTests
{
    private const string ConfiguredPassword = "configured admin passphrase";

    [Fact]
    public async Task SeedAsync_ConfiguredPassword_AdministratorThatNeedNotChangeIt()
    {
        using var host = CoreTestHost.Create(settings: new Dictionary<string, string?> { ["CertManager:Accounts:InitialAdministratorPassword"] = ConfiguredPassword });

        await host.Get<FirstAdministratorSeeder>().SeedAsync();

        var admin = Assert.Single(await host.Get<UserAccountService>().ListAsync());
        Assert.Equal("admin", admin.UserName);
        Assert.Equal(UserRole.Administrator, admin.Role);
        Assert.False(admin.MustChangePassword);
        Assert.True((await host.Get<UserAccountService>().SignInAsync("admin", ConfiguredPassword)).Succeeded);
    }

    [Fact]
    public async Task SeedAsync_NoConfiguredPassword_OneTimePasswordInAPrivateFileNamedByTheLogAndDeletedAtTheChange()
    {
        using var host = CoreTestHost.Create();
        var logger = new ListLogger<FirstAdministratorSeeder>();
        var seeder = new FirstAdministratorSeeder(host.Get<UserAccountService>(), host.Get<OneTimePasswordFile>(), host.Get<IOptions<AccountOptions>>(), logger);

        await seeder.SeedAsync();

        var admin = Assert.Single(await host.Get<UserAccountService>().ListAsync());
        Assert.Equal(UserRole.Administrator, admin.Role);
        Assert.True(admin.MustChangePassword);
        var logged = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        var file = Assert.IsType<string>(logged.Values["PasswordFile"]);
        Assert.Equal(host.DataDirectory, Path.GetDirectoryName(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var password = File.ReadAllText(file).TrimEnd('\n');
        Assert.Equal(20, password.Length);
        Assert.All(logger.Entries, entry => Assert.DoesNotContain(password, entry.Message, StringComparison.Ordinal));
        Assert.True((await host.Get<UserAccountService>().SignInAsync("admin", password)).Succeeded);

        Assert.True((await host.Get<UserAccountService>().ChangePasswordAsync(admin.Id, password, "a chosen admin passphrase")).Succeeded);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task SeedAsync_MinimumPasswordLongerThanGeneratedDefault_GeneratedPasswordMeetsIt()
    {
        using var host = CoreTestHost.Create(settings: new Dictionary<string, string?> { ["CertManager:Accounts:MinimumPasswordLength"] = "32" });
        var logger = new ListLogger<FirstAdministratorSeeder>();
        var seeder = new FirstAdministratorSeeder(host.Get<UserAccountService>(), host.Get<OneTimePasswordFile>(), host.Get<IOptions<AccountOptions>>(), logger);

        await seeder.SeedAsync();

        var password = File.ReadAllText(Assert.IsType<string>(Assert.Single(logger.Entries).Values["PasswordFile"])).TrimEnd('\n');
        Assert.True(password.Length >= 32);
        Assert.True((await host.Get<UserAccountService>().SignInAsync("admin", password)).Succeeded);
    }

    [Fact]
    public async Task SeedAsync_SecondRun_CreatesNobodyAndKeepsThePassword()
    {
        using var host = CoreTestHost.Create(settings: new Dictionary<string, string?> { ["CertManager:Accounts:InitialAdministratorPassword"] = ConfiguredPassword });
        var seeder = host.Get<FirstAdministratorSeeder>();
        await seeder.SeedAsync();
        var first = Assert.Single(await host.Get<UserAccountService>().ListAsync());

        await seeder.SeedAsync();

        var after = Assert.Single(await host.Get<UserAccountService>().ListAsync());
        Assert.Equal(first, after);
        Assert.True((await host.Get<UserAccountService>().SignInAsync("admin", ConfiguredPassword)).Succeeded);
    }

    [Fact]
    public async Task SeedAsync_UsersAlreadyExist_CreatesNoAdministrator()
    {
        using var host = CoreTestHost.Create();
        var accounts = host.Get<UserAccountService>();
        Assert.True((await accounts.CreateAsync("operator1", UserRole.Operator, "operator passphrase", mustChangePassword: false, "test")).Succeeded);

        await host.Get<FirstAdministratorSeeder>().SeedAsync();

        Assert.Equal(["operator1"], (await accounts.ListAsync()).Select(user => user.UserName));
    }

    [Fact]
    public async Task SeedAsync_ConfiguredPasswordTooShort_ThrowsNamingTheSetting()
    {
        using var host = CoreTestHost.Create(settings: new Dictionary<string, string?> { ["CertManager:Accounts:InitialAdministratorPassword"] = "short" });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Get<FirstAdministratorSeeder>().SeedAsync());

        Assert.Contains("InitialAdministratorPassword", exception.Message, StringComparison.Ordinal);
        Assert.Empty(await host.Get<UserAccountService>().ListAsync());
    }
}
