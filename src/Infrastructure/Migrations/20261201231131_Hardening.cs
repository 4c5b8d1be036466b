using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Konvrt.Portal.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "HolderId",
                table: "IdempotencyRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "JobId",
                table: "IdempotencyRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "IdempotencyRecords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LowBalanceAlertDueAt",
                table: "CreditAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditAccounts_LowBalanceAlertDueAt",
                table: "CreditAccounts",
                column: "LowBalanceAlertDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CreditAccounts_LowBalanceAlertDueAt",
                table: "CreditAccounts");

            migrationBuilder.DropColumn(
                name: "HolderId",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "JobId",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "LowBalanceAlertDueAt",
                table: "CreditAccounts");
        }
    }
}
