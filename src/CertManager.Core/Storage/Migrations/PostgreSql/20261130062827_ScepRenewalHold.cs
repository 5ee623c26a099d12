using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertManager.Core.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScepRenewalHold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RenewalOfSourceId",
                table: "ScepTransactions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HoldRenewals",
                table: "ScepSources",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RenewalOfSourceId",
                table: "ScepTransactions");

            migrationBuilder.DropColumn(
                name: "HoldRenewals",
                table: "ScepSources");
        }
    }
}
