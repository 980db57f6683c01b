package org.gapsync.platform.access;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.Sql;

/**
 * The platform's users: operating-system user names and the roles each holds, in the ledger's
 * {@code platform_user} table, one of the tables every platform's ledger keeps. Each call is a
 * transaction of its own.
 *
 * <pre>{@code
 * Set<Role> held = Users.of(ledger).roles(ProcessUser.name());
 * }</pre>
 */
public final class Users {
  private final Ledger<?> ledger;

  private Users(Ledger<?> ledger) {
    this.ledger = ledger;
  }

  /** Returns the users of the platform whose ledger is {@code ledger}. */
  public static Users of(Ledger<?> ledger) {
    return new Users(Objects.requireNonNull(ledger, "ledger"));
  }

  /**
   * One role held by one user.
   *
   * @param name the operating-system user name
   * @param role the role
   * @param addedAt when it was granted
   * @param addedBy who granted it
   */
  public record Grant(String name, Role role, Instant addedAt, String addedBy) {
    /** Checks that every part is present. */
    public Grant {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(addedAt, "addedAt");
      Objects.requireNonNull(addedBy, "addedBy");
    }
  }

  /** Returns the roles {@code name} holds; none for a user the platform does not know. */
  public Set<Role> roles(String name) throws IOException {
    return ledger.inSharedTables(sql -> roles(sql, name));
  }

  private static Set<Role> roles(Sql sql, String name) throws IOException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    sql.forEach("SELECT role FROM platform_user WHERE name = ?", rs -> Role.fromLabel(
        rs.getString("role")).ifPresent(roles::add), name);
    return roles;
  }

  /** Grants {@code grant}'s role to its user; returns false if the user held it already. */
  public boolean grant(Grant grant) throws IOException {
    return ledger.inSharedTables(sql -> {
      if (roles(sql, grant.name()).contains(grant.role())) {
        return false;
      }
      sql.update("INSERT INTO platform_user (name, role, added_at, added_by) VALUES "
          + "(?, ?, ?, ?)", grant.name(), grant.role().label(), grant.addedAt(),
          grant.addedBy());
      return true;
    });
  }

  /** Returns every grant, by user name and role. */
  public List<Grant> all() throws IOException {
    return ledger.inSharedTables(sql -> sql.query("SELECT * FROM platform_user ORDER BY name, "
        + "role", rs -> new Grant(rs.getString("name"), Role.fromLabel(rs.getString("role"))
        .orElseThrow(), Sql.instant(rs, "added_at"), rs.getString("added_by"))));
  }
}
