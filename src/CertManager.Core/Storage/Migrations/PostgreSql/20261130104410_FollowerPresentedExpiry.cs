using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertManager.Core.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FollowerPresentedExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PresentedNotAfter",
                table: "FleetFollowers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PresentedSubject",
                table: "FleetFollowers",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PresentedNotAfter",
                table: "FleetFollowers");

            migrationBuilder.DropColumn(
                name: "PresentedSubject",
                table: "FleetFollowers");
        }
    }
}
