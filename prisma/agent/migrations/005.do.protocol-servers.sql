-- Agent: MCP (Model Context Protocol) and LSP (Language Server Protocol) server registries
-- (seed 003 "Protocol Support" 13–14, migration 013 of its history).

CREATE TABLE agent.mcp_servers (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          varchar(255) NOT NULL UNIQUE,
  type          varchar(100) NOT NULL,                -- transport: stdio, sse, http, websocket
  endpoint      varchar(500) NOT NULL,
  port          integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  capabilities  jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(capabilities) = 'array'),
  config        jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
  health_status varchar(50) NOT NULL DEFAULT 'unknown' CHECK (health_status IN ('healthy', 'degraded', 'unhealthy', 'unknown')),
  enabled       boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- Not in the seed: registry entries are edited (updateMcpServer), and operators ask "since when".
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_mcp_servers_enabled ON agent.mcp_servers (enabled, health_status);
CREATE TRIGGER mcp_servers_updated_at BEFORE UPDATE ON agent.mcp_servers FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

CREATE TABLE agent.lsp_servers (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          varchar(255) NOT NULL UNIQUE,
  language      varchar(100) NOT NULL,
  command       varchar(500) NOT NULL,
  args          jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(args) = 'array'),
  file_patterns jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(file_patterns) = 'array'),
  enabled       boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()      -- not in the seed; as for mcp_servers
);
CREATE INDEX idx_lsp_servers_language ON agent.lsp_servers (language, enabled);
CREATE TRIGGER lsp_servers_updated_at BEFORE UPDATE ON agent.lsp_servers FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();

-- Like the provider registry: readable by anyone signed in, written by agent admins.
ALTER TABLE agent.mcp_servers ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.mcp_servers FORCE ROW LEVEL SECURITY;
CREATE POLICY mcp_servers_read ON agent.mcp_servers FOR SELECT USING (agent.is_signed_in());
CREATE POLICY mcp_servers_admin ON agent.mcp_servers USING (agent.is_agent_admin()) WITH CHECK (agent.is_agent_admin());

ALTER TABLE agent.lsp_servers ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent.lsp_servers FORCE ROW LEVEL SECURITY;
CREATE POLICY lsp_servers_read ON agent.lsp_servers FOR SELECT USING (agent.is_signed_in());
CREATE POLICY lsp_servers_admin ON agent.lsp_servers USING (agent.is_agent_admin()) WITH CHECK (agent.is_agent_admin());
