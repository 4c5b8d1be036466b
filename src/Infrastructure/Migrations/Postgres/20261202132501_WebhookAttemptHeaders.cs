using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Konvrt.Portal.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebhookAttemptHeaders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestHeaders",
                table: "WebhookAttempts",
                type: "character varying(4096)",
                maxLength: 4096,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseHeaders",
                table: "WebhookAttempts",
                type: "character varying(4096)",
                maxLength: 4096,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequestHeaders",
                table: "WebhookAttempts");

            migrationBuilder.DropColumn(
                name: "ResponseHeaders",
                table: "WebhookAttempts");
        }
    }
}
