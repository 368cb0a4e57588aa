import type { AgentRole } from '@loyaldesk/contracts/agents-api';
import { skillSchema } from '@loyaldesk/contracts/agents-api';
import { languages } from '@loyaldesk/contracts/language';
import type { PasswordHasher } from '../auth/password.ts';
import type { AgentRepository } from './agent-repository.ts';

/** A demo login, printed by `npm start`. */
export interface DemoLogin {
  email: string;
  password: string;
  role: AgentRole;
  created: boolean;
}

const demoSkills = ['general', 'shipping', 'returns', 'billing'].map((skill) => skillSchema.parse(skill));

const demoAccounts: ReadonlyArray<{ id: string; email: string; name: string; role: AgentRole; password: string }> = [
  { id: 'demo-agent', email: 'agent@demo.loyaldesk', name: 'Avery Agent', role: 'agent', password: 'demo-agent-password' },
  { id: 'demo-manager', email: 'manager@demo.loyaldesk', name: 'Morgan Manager', role: 'manager', password: 'demo-manager-password' },
  { id: 'demo-admin', email: 'admin@demo.loyaldesk', name: 'Alex Admin', role: 'admin', password: 'demo-admin-password' },
];

/**
 * Creates the demo accounts (agent, manager, admin) unless they exist; returns their logins so
 * `npm start` can print them. For local runs only: the passwords are public, so `main.ts` calls it
 * only on SEED_DEMO_AGENTS=true, which env.ts refuses unless NODE_ENV is development or test.
 */
export async function seedDemoAgents(agents: AgentRepository, options: { passwords: Pick<PasswordHasher, 'hash'>; now?: Date }): Promise<DemoLogin[]> {
  const now = options.now ?? new Date();
  return Promise.all(
    demoAccounts.map(async (account) => {
      const existing = await agents.findById(account.id);
      if (!existing) {
        await agents.insert(
          {
            id: account.id,
            email: account.email,
            name: account.name,
            role: account.role,
            languages: [...languages],
            skills: demoSkills,
            active: true,
            createdAt: now,
          },
          await options.passwords.hash(account.password),
        );
      }
      return { email: account.email, password: account.password, role: account.role, created: !existing };
    }),
  );
}
