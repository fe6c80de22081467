import { Faker, en, es, fr, it, pl, pt_PT, type LocaleDefinition } from '@faker-js/faker';
import { insertRows, seededFaker, type DomainSeed, type SeedContext } from './context.js';

/**
 * Field service demo data: home-improvement retailers (Leroy Merlin, Brico Dépôt) selling
 * installations, technical visits and quotations in five countries through three sales systems.
 *
 * Each retail brand belongs to one organization of the platform (the tenant boundary): at least
 * two organizations' worth of data, so tenant isolation is visible in the demo. Responsible
 * operators are members of their project's organization. Service orders are scheduled around
 * today (past days completed, today's dispatched, future days scheduled), so the data is the
 * same for every run on a given day.
 */

const COUNTRIES = [
  { code: 'ES', name: 'Spain', currency: 'EUR', timezone: 'Europe/Madrid', locale: 'es-ES', vat: 21, faker: es, cities: [['Madrid', 'Comunidad de Madrid'], ['Barcelona', 'Cataluña'], ['Valencia', 'Comunidad Valenciana'], ['Sevilla', 'Andalucía'], ['Málaga', 'Andalucía'], ['Bilbao', 'País Vasco']], zip: '#####' },
  { code: 'FR', name: 'France', currency: 'EUR', timezone: 'Europe/Paris', locale: 'fr-FR', vat: 20, faker: fr, cities: [['Paris', 'Île-de-France'], ['Lyon', 'Auvergne-Rhône-Alpes'], ['Marseille', "Provence-Alpes-Côte d'Azur"], ['Toulouse', 'Occitanie'], ['Lille', 'Hauts-de-France'], ['Nantes', 'Pays de la Loire']], zip: '#####' },
  { code: 'IT', name: 'Italy', currency: 'EUR', timezone: 'Europe/Rome', locale: 'it-IT', vat: 22, faker: it, cities: [['Milano', 'Lombardia'], ['Roma', 'Lazio'], ['Torino', 'Piemonte'], ['Napoli', 'Campania'], ['Bologna', 'Emilia-Romagna']], zip: '#####' },
  { code: 'PL', name: 'Poland', currency: 'PLN', timezone: 'Europe/Warsaw', locale: 'pl-PL', vat: 23, faker: pl, cities: [['Warszawa', 'Mazowieckie'], ['Kraków', 'Małopolskie'], ['Gdańsk', 'Pomorskie'], ['Wrocław', 'Dolnośląskie'], ['Poznań', 'Wielkopolskie']], zip: '##-###' },
  { code: 'PT', name: 'Portugal', currency: 'EUR', timezone: 'Europe/Lisbon', locale: 'pt-PT', vat: 23, faker: pt_PT, cities: [['Lisboa', 'Lisboa'], ['Porto', 'Porto'], ['Braga', 'Braga'], ['Coimbra', 'Coimbra']], zip: '####-###' },
] as const;
type CountryCode = (typeof COUNTRIES)[number]['code'];

const SALES_SYSTEMS = [
  { code: 'PYXIS', name: 'Pyxis', vendor: 'ADEO Services', orderPrefix: 'PYX', countries: ['ES', 'FR', 'IT', 'PL', 'PT'], auth: 'OAUTH2', url: 'https://api.pyxis.example.com', version: 'v3' },
  { code: 'TEMPO', name: 'Tempo', vendor: 'Tempo Retail Systems', orderPrefix: 'TMP', countries: ['ES', 'FR', 'PT'], auth: 'API_KEY', url: 'https://tempo.example.com/api', version: '2.4' },
  { code: 'SAP_COMMERCE', name: 'SAP Commerce Cloud', vendor: 'SAP', orderPrefix: 'SAP', countries: ['ES', 'FR', 'IT', 'PL', 'PT'], auth: 'OAUTH2', url: 'https://commerce.example.com/occ', version: '2211' },
] as const;
type SalesSystemCode = (typeof SALES_SYSTEMS)[number]['code'];

/** Each brand belongs to one organization; its units run on a primary sales system and a secondary one. */
const BRANDS = [
  {
    prefix: 'LM',
    name: 'Leroy Merlin',
    type: 'RETAIL',
    primary: 'PYXIS',
    secondary: 'SAP_COMMERCE',
    units: { ES: 'Leroy Merlin España', FR: 'Leroy Merlin France', IT: 'Leroy Merlin Italia', PL: 'Leroy Merlin Polska', PT: 'Leroy Merlin Portugal' },
  },
  {
    prefix: 'BD',
    name: 'Brico Dépôt',
    type: 'RETAIL',
    primary: 'TEMPO',
    secondary: 'SAP_COMMERCE',
    units: { FR: 'Brico Dépôt France', ES: 'Brico Depot España', PT: 'Brico Depot Portugal' },
  },
] as const satisfies ReadonlyArray<{ prefix: string; name: string; type: string; primary: SalesSystemCode; secondary: SalesSystemCode; units: Partial<Record<CountryCode, string>> }>;

/**
 * Tenancy seeds first and shares its organizations and users. When fsm is seeded without tenancy
 * (`seed({ domains })`) they are empty, and these fixed stand-ins (one organization per brand,
 * three members each) take their place.
 */
const STAND_IN_ORGANIZATIONS = [
  { id: '0f5a0000-0000-4000-8000-00000000a001', slug: 'adeo', name: 'ADEO Group' },
  { id: '0f5a0000-0000-4000-8000-00000000a002', slug: 'kingfisher', name: 'Kingfisher' },
];
const STAND_IN_USERS = [
  { id: '0f5a0000-0000-4000-8000-00000000b001', org: 0 },
  { id: '0f5a0000-0000-4000-8000-00000000b002', org: 0 },
  { id: '0f5a0000-0000-4000-8000-00000000b003', org: 0 },
  { id: '0f5a0000-0000-4000-8000-00000000b101', org: 1 },
  { id: '0f5a0000-0000-4000-8000-00000000b102', org: 1 },
  { id: '0f5a0000-0000-4000-8000-00000000b103', org: 1 },
];

const CHANNELS = [
  { value: 'IN_STORE', weight: 35 },
  { value: 'ONLINE', weight: 25 },
  { value: 'PHONE', weight: 15 },
  { value: 'MOBILE_APP', weight: 10 },
  { value: 'PARTNER', weight: 8 },
  { value: 'B2B', weight: 7 },
] as const;

/** What is sold, with how long the work takes and what it is worth. */
const PRODUCTS = [
  { category: 'KITCHEN', name: 'Fitted kitchen, 10 units with worktop', sku: 'KIT', minutes: [480, 960], value: [450_000, 1_500_000] },
  { category: 'BATHROOM', name: 'Walk-in shower with glass screen', sku: 'BTH', minutes: [360, 720], value: [180_000, 650_000] },
  { category: 'FLOORING', name: 'Laminate flooring, 40 m²', sku: 'FLR', minutes: [240, 480], value: [90_000, 320_000] },
  { category: 'HEATING', name: 'Condensing gas boiler', sku: 'HEA', minutes: [240, 420], value: [160_000, 420_000] },
  { category: 'WINDOWS', name: 'PVC double-glazed windows (4)', sku: 'WIN', minutes: [300, 600], value: [220_000, 780_000] },
  { category: 'DOORS', name: 'Armoured entrance door', sku: 'DOR', minutes: [180, 300], value: [90_000, 260_000] },
  { category: 'AIR_CONDITIONING', name: 'Split air conditioner 3.5 kW', sku: 'AIR', minutes: [180, 360], value: [80_000, 240_000] },
  { category: 'SOLAR', name: 'Solar panel kit 3 kWp', sku: 'SOL', minutes: [420, 900], value: [390_000, 950_000] },
  { category: 'GARDEN', name: 'Garden shed 8 m² with base', sku: 'GRD', minutes: [240, 480], value: [70_000, 210_000] },
] as const;

const SERVICE_TYPES = [
  { value: 'INSTALLATION', weight: 40 },
  { value: 'TV', weight: 20 },
  { value: 'QUOTATION', weight: 15 },
  { value: 'REPAIR', weight: 15 },
  { value: 'MAINTENANCE', weight: 10 },
] as const;
type ServiceType = (typeof SERVICE_TYPES)[number]['value'];

const RISK_FACTORS = [
  { code: 'CUSTOMER_CLAIM_HISTORY', description: 'The customer filed a claim on a previous service' },
  { code: 'RESCHEDULED_TWICE', description: 'The visit was rescheduled at least twice' },
  { code: 'LONG_LEAD_TIME', description: 'More than three weeks between order and visit' },
  { code: 'COMPLEX_INSTALLATION', description: 'Several trades must work on site' },
  { code: 'PRODUCT_BACKORDER', description: 'A product of the order is on backorder' },
  { code: 'ACCESS_CONSTRAINTS', description: 'Difficult site access (no lift, parking restrictions)' },
  { code: 'PAYMENT_PENDING', description: 'Part of the order is not paid yet' },
];
const RISK_TRIGGERS = ['BATCH_JOB', 'BATCH_JOB', 'BATCH_JOB', 'EVENT_RESCHEDULE', 'EVENT_CLAIM_FILED', 'EVENT_ORDER_UPDATED'];
const REASSIGNMENT_REASONS = ['Workload balancing', 'Operator on leave', 'Customer request', 'Regional reassignment', 'Escalation to senior operator'];
const SYNC_ERRORS = [
  'Timeout after 30000 ms calling the sales system',
  'Unknown store code in order payload',
  'Customer address failed validation: missing postal code',
  'HTTP 503 from sales system gateway',
  'Duplicate order line received',
];
const SCORE_RANGES = { LOW: [5, 30], MEDIUM: [30, 60], HIGH: [60, 85], CRITICAL: [85, 99] } as const;
const POTENTIAL_RANGES = { LOW: [5, 35], MEDIUM: [35, 70], HIGH: [70, 98] } as const;
const MODEL_VERSIONS = { risk: ['risk-2024.11', 'risk-2025.01'], potential: ['potential-2025.01'] };

const DAY = 86_400_000;
const BASE_ORDERS = 300;

type Row = Record<string, unknown>;

/** A JSON array for a jsonb column, as text: insertRows would send a JS array as a Postgres array. */
const jsonArray = (value: unknown[]) => JSON.stringify(value);

/**
 * Names and addresses in each country's own language, deterministic like every other seed: one
 * Faker per country, made afresh for each seed run (a Faker kept across runs would carry on from
 * where the last run left it).
 */
function localFakers(): (country: (typeof COUNTRIES)[number]) => Faker {
  const fakers = new Map<string, Faker>();
  return (country) => {
    let faker = fakers.get(country.code);
    if (!faker) {
      faker = new Faker({ locale: [country.faker as LocaleDefinition, en] });
      faker.seed(seededFaker(`fsm-${country.code}`).number.int(2 ** 31));
      fakers.set(country.code, faker);
    }
    return faker;
  };
}

/** The organizations and their members this seed assigns business units and operators from. */
function tenants(ctx: SeedContext) {
  if (ctx.shared.organizations.length > 0) {
    return ctx.shared.organizations.map((org) => {
      const members = ctx.shared.users.filter((u) => u.organizationIds.includes(org.id)).map((u) => u.id);
      const fallback = org.memberIds.length ? org.memberIds : ctx.shared.users.map((u) => u.id);
      return { id: org.id, memberIds: members.length ? members : fallback };
    });
  }
  return STAND_IN_ORGANIZATIONS.map((org, i) => ({ id: org.id, memberIds: STAND_IN_USERS.filter((u) => u.org === i).map((u) => u.id) }));
}

export const fsmSeed: DomainSeed = {
  domain: 'fsm',
  tables: [
    'fsm.external_reference_mappings',
    'fsm.risk_assessments',
    'fsm.sales_potential_assessments',
    'fsm.sales_system_integration_events',
    'fsm.service_orders',
    'fsm.sales_pre_estimations',
    'fsm.project_ownership_history',
    'fsm.projects',
    'fsm.sales_channel_configurations',
    'fsm.business_unit_sales_systems',
    'fsm.stores',
    'fsm.business_units',
    'fsm.sales_systems',
    'fsm.countries',
  ],
  async seed(ctx) {
    const faker = ctx.faker('fsm');
    const localFaker = localFakers();
    const now = new Date();
    const today = new Date(now.toISOString().slice(0, 10) + 'T00:00:00Z');
    /** Things that already happened happened before now (a day's timeline may still lie ahead of it). */
    const inThePast = (date: Date) => (date.getTime() > now.getTime() - 2 * 3_600_000 ? new Date(now.getTime() - faker.number.int({ min: 120, max: 720 }) * 60_000) : date);
    const dayOffset = (days: number) => new Date(today.getTime() + days * DAY);
    const at = (day: Date, hourFrom = 8, hourTo = 19) => new Date(day.getTime() + faker.number.int({ min: hourFrom * 60, max: hourTo * 60 }) * 60_000);
    const between = (from: Date, to: Date) => (to <= from ? from : faker.date.between({ from, to }));
    const decimal = ([min, max]: readonly [number, number]) => faker.number.float({ min, max, fractionDigits: 2 }).toFixed(2);
    const insert = (table: string, rows: Row[]) => insertRows(ctx, 'fsm', table, rows);
    const organizations = tenants(ctx);

    // --- master data ---------------------------------------------------------------------------
    await insert(
      'fsm.countries',
      COUNTRIES.map((c) => ({
        code: c.code,
        name: c.name,
        currency: c.currency,
        timezone: c.timezone,
        locale: c.locale,
        is_active: true,
        configuration: { vatRatePct: c.vat, workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], maxVisitsPerTechnicianPerDay: 4 },
      })),
    );
    const salesSystems = SALES_SYSTEMS.map((s) => ({
      id: faker.string.uuid(),
      name: s.name,
      code: s.code,
      vendor: s.vendor,
      description: `${s.name} order management (${s.vendor})`,
      api_base_url: s.url,
      api_version: s.version,
      authentication_type: s.auth,
      is_active: true,
      supported_countries: [...s.countries],
      configuration: { pollIntervalSeconds: 60, pageSize: 200, timeoutMs: 30_000 },
      data_mapping: { orderId: 'sales_order_id', orderNumber: 'sales_order_number', lineId: 'sales_order_line_id', customer: 'customer_id' },
    }));
    await insert('fsm.sales_systems', salesSystems);
    const systemOf = (code: SalesSystemCode) => salesSystems.find((s) => s.code === code)!;

    // --- business units, stores, sales systems, channel rules ----------------------------------
    const units: Array<Row & { id: string; organization_id: string; country_code: CountryCode; code: string; brand: (typeof BRANDS)[number]; operators: string[] }> = [];
    BRANDS.forEach((brand, i) => {
      const org = organizations[i % organizations.length]!;
      for (const [countryCode, name] of Object.entries(brand.units) as Array<[CountryCode, string]>) {
        units.push({
          id: faker.string.uuid(),
          organization_id: org.id,
          country_code: countryCode,
          code: `${brand.prefix}_${countryCode}`,
          name,
          type: brand.type,
          is_active: true,
          configuration: { defaultSlaHours: 48, technicianPoolSize: faker.number.int({ min: 20, max: 120 }) },
          brand,
          operators: org.memberIds,
        });
      }
    });
    await insert('fsm.business_units', units.map(({ brand: _brand, operators: _operators, ...row }) => row));

    const stores: Array<Row & { id: string; business_unit_id: string; city: string; region: string }> = [];
    for (const unit of units) {
      const country = COUNTRIES.find((c) => c.code === unit.country_code)!;
      const local = localFaker(country);
      for (let n = 0; n < 3 * ctx.scale; n++) {
        const [city, region] = country.cities[n % country.cities.length]!;
        const round = Math.floor(n / country.cities.length);
        stores.push({
          id: faker.string.uuid(),
          business_unit_id: unit.id,
          organization_id: unit.organization_id,
          store_code: `${unit.code}-${String(n + 1).padStart(3, '0')}`,
          name: `${unit.brand.name} ${city}${round ? ` ${round + 1}` : ''}`,
          address: { street: local.location.streetAddress(), postalCode: local.location.zipCode(country.zip), city, region, countryCode: country.code },
          phone: local.phone.number(),
          email: `store.${unit.code.toLowerCase()}.${n + 1}@example.com`,
          is_active: faker.number.int(100) > 3,
          operational_hours: { mon_sat: '08:00-21:00', sun: n % 2 ? 'closed' : '09:00-14:00' },
          configuration: { serviceRadiusKm: faker.helpers.arrayElement([25, 40, 60]) },
          city,
          region,
        });
      }
    }
    await insert('fsm.stores', stores.map(({ city: _city, region: _region, ...row }) => row));
    const storesOf = new Map<string, typeof stores>();
    for (const store of stores) storesOf.set(store.business_unit_id, [...(storesOf.get(store.business_unit_id) ?? []), store]);

    await insert(
      'fsm.business_unit_sales_systems',
      units.flatMap((unit) => [
        { id: faker.string.uuid(), business_unit_id: unit.id, organization_id: unit.organization_id, sales_system_id: systemOf(unit.brand.primary).id, is_primary: true, priority: 10, is_active: true, configuration: { storeCodePrefix: unit.code } },
        { id: faker.string.uuid(), business_unit_id: unit.id, organization_id: unit.organization_id, sales_system_id: systemOf(unit.brand.secondary).id, is_primary: false, priority: 50, is_active: true, configuration: { b2bOnly: false } },
      ]),
    );

    await insert(
      'fsm.sales_channel_configurations',
      units.flatMap((unit) =>
        CHANNELS.filter((c) => c.value !== 'B2B' || unit.brand.prefix === 'LM').map((channel) => ({
          id: faker.string.uuid(),
          business_unit_id: unit.id,
          organization_id: unit.organization_id,
          sales_channel: channel.value,
          sla_p1_hours: faker.helpers.arrayElement([4, 8, 24]),
          sla_p2_hours: faker.helpers.arrayElement([48, 72, 120]),
          pricing_markup_percentage: channel.value === 'PARTNER' ? '12.50' : channel.value === 'ONLINE' ? '0.00' : '5.00',
          discount_percentage: channel.value === 'ONLINE' ? '5.00' : channel.value === 'B2B' ? '15.00' : '0.00',
          allow_same_day_scheduling: channel.value === 'IN_STORE' || channel.value === 'PHONE',
          require_customer_confirmation: channel.value !== 'IN_STORE',
          auto_assign: channel.value === 'ONLINE' || channel.value === 'MOBILE_APP',
          send_sms_notifications: channel.value !== 'B2B',
          send_email_notifications: true,
          notification_language: COUNTRIES.find((c) => c.code === unit.country_code)!.locale,
          rules: { maxReschedules: 2, cancellationWindowHours: 48, requiresDeposit: channel.value === 'PHONE' },
          is_active: true,
        })),
      ),
    );

    // --- projects and their ownership -------------------------------------------------------------
    const orderCount = BASE_ORDERS * ctx.scale;
    const projects: Array<Row & { id: string; unit: (typeof units)[number]; status: string; customer_id: string; created_at: Date; external_id: string }> = [];
    const history: Row[] = [];
    for (let n = 0; n < Math.round(orderCount / 3); n++) {
      const unit = units[n % units.length]!;
      const status = faker.helpers.weightedArrayElement([
        { value: 'PLANNED', weight: 25 },
        { value: 'IN_PROGRESS', weight: 50 },
        { value: 'ON_HOLD', weight: 8 },
        { value: 'COMPLETED', weight: 12 },
        { value: 'CANCELLED', weight: 5 },
      ]);
      const product = faker.helpers.arrayElement(PRODUCTS);
      const createdAt = at(dayOffset(-faker.number.int({ min: 10, max: 60 })));
      const local = localFaker(COUNTRIES.find((c) => c.code === unit.country_code)!);
      const project = {
        id: faker.string.uuid(),
        project_name: `${product.name} — ${local.person.lastName()}`,
        customer_id: faker.string.uuid(),
        country_code: unit.country_code,
        business_unit_id: unit.id,
        organization_id: unit.organization_id,
        status,
        responsible_operator_id: null as string | null,
        assignment_mode: null as string | null,
        assigned_at: null as Date | null,
        assigned_by: null as string | null,
        created_at: createdAt,
        unit,
        external_id: `${systemOf(unit.brand.primary).code.slice(0, 3)}-PRJ-${unit.country_code}-${String(100_000 + n)}`,
      };
      // Most projects get an operator, some are waiting for one; some changed hands since.
      if (status !== 'CANCELLED' && faker.number.int(100) < 88 && unit.operators.length > 0) {
        const mode = faker.helpers.arrayElement(['AUTO', 'AUTO', 'MANUAL']);
        let operator = faker.helpers.arrayElement(unit.operators);
        let changedAt = new Date(createdAt.getTime() + faker.number.int({ min: 1, max: 48 }) * 3_600_000);
        let changedBy = mode === 'AUTO' ? 'SYSTEM' : faker.helpers.arrayElement(unit.operators);
        history.push({ id: faker.string.uuid(), project_id: project.id, organization_id: unit.organization_id, previous_operator_id: null, new_operator_id: operator, changed_at: changedAt, changed_by: changedBy, reason: mode === 'AUTO' ? 'Automatic assignment' : 'Initial assignment' });
        const others = unit.operators.filter((o) => o !== operator);
        if (others.length > 0 && faker.number.int(100) < 30) {
          const next = faker.helpers.arrayElement(others);
          changedAt = between(new Date(changedAt.getTime() + DAY), new Date(Math.max(changedAt.getTime() + DAY, today.getTime())));
          changedBy = faker.helpers.arrayElement(unit.operators);
          history.push({ id: faker.string.uuid(), project_id: project.id, organization_id: unit.organization_id, previous_operator_id: operator, new_operator_id: next, changed_at: changedAt, changed_by: changedBy, reason: faker.helpers.arrayElement(REASSIGNMENT_REASONS) });
          operator = next;
        }
        Object.assign(project, { responsible_operator_id: operator, assignment_mode: mode, assigned_at: changedAt, assigned_by: changedBy });
      }
      projects.push(project);
    }

    // --- service orders ---------------------------------------------------------------------------
    const orders: Array<Row & { id: string; organization_id: string; status: string; order_date: Date; service_type: ServiceType; risk_level: string; system: (typeof salesSystems)[number] }> = [];
    const preEstimations: Row[] = [];
    const riskAssessments: Row[] = [];
    const potentialAssessments: Row[] = [];
    const events: Row[] = [];
    const references: Row[] = [];
    const sequence = new Map<string, number>();
    const nextNumber = (key: string) => {
      const n = (sequence.get(key) ?? 0) + 1;
      sequence.set(key, n);
      return n;
    };

    for (let n = 0; n < orderCount; n++) {
      // Two orders in three belong to a project; the rest are one-off services.
      const project = n % 3 !== 2 ? projects[n % projects.length]! : undefined;
      const unit = project?.unit ?? faker.helpers.arrayElement(units);
      const country = COUNTRIES.find((c) => c.code === unit.country_code)!;
      const local = localFaker(country);
      const store = faker.helpers.arrayElement(storesOf.get(unit.id)!);
      const system = systemOf(faker.number.int(100) < 75 ? unit.brand.primary : unit.brand.secondary);
      const systemDef = SALES_SYSTEMS.find((s) => s.code === system.code)!;
      const serviceType = faker.helpers.weightedArrayElement(SERVICE_TYPES);
      const product = faker.helpers.arrayElement(PRODUCTS);

      // Where the order is in its life follows from its day: done in the past, under way today, ahead in the future.
      const { status, scheduled } = orderTimeline(faker, project?.status);
      const scheduledDate = scheduled === null ? null : dayOffset(scheduled);
      const orderDate = inThePast(scheduledDate ? at(new Date(scheduledDate.getTime() - faker.number.int({ min: 2, max: 24 }) * DAY)) : at(dayOffset(-faker.number.int({ min: 0, max: 6 }))));
      if (project && orderDate < project.created_at) project.created_at = orderDate;
      const requestedDate = scheduledDate ? new Date(scheduledDate.getTime() - faker.number.int({ min: -3, max: 5 }) * DAY) : dayOffset(faker.number.int({ min: 3, max: 20 }));

      const seq = nextNumber(`${system.code}-${country.code}`);
      // SAP numbers orders in one range for every country; the others per country.
      const salesOrderId = system.code === 'SAP_COMMERCE' ? String(4_000_000_000 + nextNumber(system.code)) : `${systemDef.orderPrefix}-${country.code}-${String(seq).padStart(8, '0')}`;
      const customerName = `${local.person.firstName()} ${local.person.lastName()}`;
      const customerId = project?.customer_id ?? faker.string.uuid();
      const isSalesLead = serviceType === 'TV' || serviceType === 'QUOTATION';
      const durationRange = serviceType === 'INSTALLATION' ? product.minutes : serviceType === 'TV' ? ([60, 120] as const) : serviceType === 'QUOTATION' ? ([45, 90] as const) : ([60, 180] as const);
      const valueCents = serviceType === 'INSTALLATION' ? faker.number.int({ min: product.value[0], max: product.value[1] }) : isSalesLead ? 0 : faker.number.int({ min: 8_000, max: 45_000 });

      const riskLevel = faker.helpers.weightedArrayElement([
        { value: 'LOW', weight: 60 },
        { value: 'MEDIUM', weight: 25 },
        { value: 'HIGH', weight: 10 },
        { value: 'CRITICAL', weight: 5 },
      ]);
      const assessed = riskLevel !== 'LOW' || faker.number.int(100) < 60;
      const riskFactors = riskLevel === 'LOW' ? [] : faker.helpers.arrayElements(RISK_FACTORS, { min: 1, max: 3 }).map((f) => ({ ...f, weight: Number(faker.number.float({ min: 0.1, max: 0.6, fractionDigits: 2 })) }));
      const riskScore = assessed ? decimal(SCORE_RANGES[riskLevel]) : null;
      const lastRiskAt = assessed ? between(new Date(orderDate.getTime() + 30 * 60_000), new Date(Math.min(now.getTime(), (scheduledDate ?? today).getTime() + DAY))) : null;
      const acknowledged = (riskLevel === 'HIGH' || riskLevel === 'CRITICAL') && faker.number.int(100) < 50 && lastRiskAt;

      const potential = isSalesLead ? faker.helpers.weightedArrayElement([{ value: 'LOW', weight: 40 }, { value: 'MEDIUM', weight: 40 }, { value: 'HIGH', weight: 20 }]) : 'LOW';
      const potentialAt = isSalesLead ? between(orderDate, new Date(Math.min(now.getTime(), orderDate.getTime() + 3 * DAY))) : null;
      let preEstimation: Row | undefined;
      if (isSalesLead && faker.number.int(100) < 60) {
        preEstimation = {
          id: `${systemDef.orderPrefix}-PE-${country.code}-${String(nextNumber(`pe-${system.code}`)).padStart(7, '0')}`,
          sales_system_id: system.code,
          business_unit_id: unit.id,
          organization_id: unit.organization_id,
          customer_id: customerId,
          estimated_value: decimal([800, 25_000]),
          currency: country.currency,
          product_categories: [product.category, ...(faker.number.int(100) < 30 ? [faker.helpers.arrayElement(PRODUCTS).category] : [])].filter((c, i, all) => all.indexOf(c) === i),
          created_at: new Date(orderDate.getTime() - faker.number.int({ min: 1, max: 72 }) * 3_600_000),
          valid_until: new Date(orderDate.getTime() + 60 * DAY),
          salesman_id: `S-${country.code}-${String(faker.number.int({ min: 1, max: 400 })).padStart(4, '0')}`,
          salesman_notes: faker.helpers.arrayElement([
            'Customer comparing with two competitors; wants installation before summer.',
            'Very motivated, budget approved, asked for financing options.',
            'Only gathering prices for now; renovation planned next year.',
            'Second home, access only at weekends.',
            'Customer had a bad experience with a previous installer.',
          ]),
          confidence_level: faker.helpers.arrayElement(['LOW', 'MEDIUM', 'HIGH']),
          metadata: { storeCode: store.store_code, channel: 'IN_STORE' },
        };
        preEstimations.push(preEstimation);
      }

      const order = {
        id: faker.string.uuid(),
        organization_id: unit.organization_id,
        country_code: country.code,
        business_unit_id: unit.id,
        store_id: store.id,
        sales_system_id: system.id,
        sales_channel: faker.helpers.weightedArrayElement(CHANNELS),
        sales_order_id: salesOrderId,
        sales_order_number: `${unit.code.replace('_', '-')}-${orderDate.getUTCFullYear()}-${String(seq).padStart(6, '0')}`,
        sales_order_line_id: faker.number.int(100) < 30 ? String(faker.helpers.arrayElement([10, 20, 30])) : null,
        sales_order_metadata: { storeCode: store.store_code, paymentMethod: faker.helpers.arrayElement(['CARD', 'FINANCING', 'TRANSFER', 'CASH']) },
        project_id: project?.id ?? null,
        service_type: serviceType,
        product_category: product.category,
        product_sku: `${product.sku}-${faker.string.numeric(6)}`,
        product_name: product.name,
        estimated_duration_minutes: faker.number.int({ min: durationRange[0], max: durationRange[1] }),
        customer_id: customerId,
        customer_name: customerName,
        customer_phone: local.phone.number(),
        customer_email: `${customerName.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]+/g, '.')}@example.com`,
        service_address: { street: local.location.streetAddress(), postalCode: local.location.zipCode(country.zip), city: store.city, region: store.region, countryCode: country.code },
        order_date: orderDate,
        requested_date: requestedDate,
        scheduled_date: scheduledDate,
        status,
        priority: faker.number.int(100) < 20 ? 'P1' : 'P2',
        order_value_cents: valueCents,
        service_fee_cents: isSalesLead ? faker.helpers.arrayElement([0, 4_900, 9_900]) : faker.number.int({ min: 4_900, max: 19_900 }),
        external_sales_order_id: salesOrderId,
        external_project_id: project?.external_id ?? null,
        external_lead_id: isSalesLead ? `${systemDef.orderPrefix}-LEAD-${faker.string.numeric(7)}` : null,
        external_system_source: system.code,
        sales_potential: potential,
        sales_potential_score: isSalesLead ? decimal(POTENTIAL_RANGES[potential as keyof typeof POTENTIAL_RANGES]) : null,
        sales_potential_updated_at: potentialAt,
        sales_pre_estimation_id: (preEstimation?.id as string | undefined) ?? null,
        sales_pre_estimation_value: (preEstimation?.estimated_value as string | undefined) ?? null,
        sales_pre_estimation_currency: preEstimation ? country.currency : null,
        salesman_notes: (preEstimation?.salesman_notes as string | undefined) ?? null,
        risk_level: riskLevel,
        risk_score: riskScore,
        risk_assessed_at: lastRiskAt,
        risk_factors: jsonArray(riskFactors),
        risk_acknowledged_by: acknowledged ? faker.helpers.arrayElement(unit.operators) : null,
        risk_acknowledged_at: acknowledged ? between(lastRiskAt, new Date(Math.min(now.getTime(), lastRiskAt.getTime() + 10 * 3_600_000))) : null,
        created_at: orderDate,
        system,
      };
      orders.push(order);

      // Risk history: earlier assessments, then the one that set the current level.
      if (lastRiskAt) {
        const earlier = faker.number.int({ min: 0, max: 2 });
        for (let k = earlier; k >= 0; k--) {
          const level = k === 0 ? riskLevel : faker.helpers.arrayElement(['LOW', 'MEDIUM', 'HIGH'] as const);
          riskAssessments.push({
            id: faker.string.uuid(),
            service_order_id: order.id,
            organization_id: order.organization_id,
            // Earlier assessments spread between the order and the latest one, oldest first.
            assessed_at: new Date(orderDate.getTime() + ((lastRiskAt.getTime() - orderDate.getTime()) * (earlier + 1 - k)) / (earlier + 1)),
            risk_level: level,
            risk_score: k === 0 ? riskScore : decimal(SCORE_RANGES[level]),
            model_version: k === 0 ? MODEL_VERSIONS.risk[1]! : MODEL_VERSIONS.risk[0]!,
            input_features: { leadTimeDays: scheduled === null ? null : Math.round(((scheduledDate?.getTime() ?? 0) - orderDate.getTime()) / DAY), orderValueCents: valueCents, channel: order.sales_channel, previousClaims: faker.number.int(2) },
            risk_factors: jsonArray(k === 0 ? riskFactors : []),
            triggered_by: faker.helpers.arrayElement(RISK_TRIGGERS),
          });
        }
      }
      if (potentialAt) {
        potentialAssessments.push({
          id: faker.string.uuid(),
          service_order_id: order.id,
          organization_id: order.organization_id,
          assessed_at: potentialAt,
          potential_level: potential,
          potential_score: order.sales_potential_score,
          model_version: MODEL_VERSIONS.potential[0]!,
          input_features: { hasPreEstimation: Boolean(preEstimation), productCategory: product.category, channel: order.sales_channel },
          contributing_factors: jsonArray([{ factor: preEstimation ? 'PRE_ESTIMATION_VALUE' : 'PRODUCT_CATEGORY', weight: 0.4 }, { factor: 'SALESMAN_NOTES_SENTIMENT', weight: 0.25 }]),
        });
      }

      // Integration trail: the order arrived; some were updated or cancelled; a few syncs failed and were retried.
      const event = (type: string, eventStatus: string, createdAt: Date, extra: Row = {}) =>
        events.push({
          id: faker.string.uuid(),
          sales_system_id: system.id,
          business_unit_id: unit.id,
          organization_id: unit.organization_id,
          event_type: type,
          sales_order_id: salesOrderId,
          service_order_id: order.id,
          status: eventStatus,
          payload: { salesOrderId, status: order.status, storeCode: store.store_code },
          error_message: null,
          retry_count: 0,
          processed_at: eventStatus === 'PENDING' ? null : new Date(createdAt.getTime() + faker.number.int({ min: 200, max: 4_000 })),
          created_at: createdAt,
          ...extra,
        });
      event('ORDER_RECEIVED', 'SUCCESS', new Date(orderDate.getTime() + faker.number.int({ min: 5, max: 90 }) * 1_000));
      if (faker.number.int(100) < 25) event('ORDER_UPDATED', faker.number.int(100) < 8 ? 'PENDING' : 'SUCCESS', between(orderDate, new Date(Math.max(orderDate.getTime(), now.getTime() - 60_000))));
      if (status === 'CANCELLED') event('ORDER_CANCELLED', 'SUCCESS', between(orderDate, new Date(Math.max(orderDate.getTime(), now.getTime() - 60_000))));
      if (faker.number.int(100) < 8) {
        const retries = faker.number.int({ min: 1, max: 5 });
        event('SYNC_ERROR', retries >= 5 ? 'FAILURE' : 'RETRY', between(orderDate, new Date(Math.max(orderDate.getTime(), now.getTime() - 60_000))), {
          error_message: faker.helpers.arrayElement(SYNC_ERRORS),
          retry_count: retries,
        });
      }

      references.push({ id: faker.string.uuid(), organization_id: order.organization_id, fsm_entity_type: 'SERVICE_ORDER', fsm_entity_id: order.id, external_system_source: system.code, external_reference_type: 'SALES_ORDER', external_reference_id: salesOrderId, created_at: orderDate, metadata: { lineId: order.sales_order_line_id } });
      if (order.external_lead_id) {
        references.push({ id: faker.string.uuid(), organization_id: order.organization_id, fsm_entity_type: 'SERVICE_ORDER', fsm_entity_id: order.id, external_system_source: system.code, external_reference_type: 'LEAD', external_reference_id: order.external_lead_id, created_at: orderDate, metadata: null });
      }
    }

    // Orders that never made it into FSM: the sales system sent them, the import failed for good.
    for (const unit of units) {
      const system = systemOf(unit.brand.primary);
      events.push({
        id: faker.string.uuid(),
        sales_system_id: system.id,
        business_unit_id: unit.id,
        organization_id: unit.organization_id,
        event_type: 'SYNC_ERROR',
        sales_order_id: `${SALES_SYSTEMS.find((s) => s.code === system.code)!.orderPrefix}-${unit.country_code}-REJECTED-${faker.string.numeric(5)}`,
        service_order_id: null,
        status: 'FAILURE',
        payload: { reason: 'validation' },
        error_message: faker.helpers.arrayElement(SYNC_ERRORS),
        retry_count: 5,
        processed_at: null,
        created_at: at(dayOffset(-faker.number.int({ min: 0, max: 10 }))),
      });
    }

    for (const project of projects) {
      const system = systemOf(project.unit.brand.primary);
      references.push({ id: faker.string.uuid(), organization_id: project.organization_id, fsm_entity_type: 'PROJECT', fsm_entity_id: project.id, external_system_source: system.code, external_reference_type: 'PROJECT', external_reference_id: project.external_id, created_at: project.created_at, metadata: null });
      references.push({ id: faker.string.uuid(), organization_id: project.organization_id, fsm_entity_type: 'CUSTOMER', fsm_entity_id: project.customer_id, external_system_source: system.code, external_reference_type: 'CUSTOMER', external_reference_id: `CUST-${faker.string.numeric(9)}`, created_at: project.created_at, metadata: null });
    }

    await insert('fsm.projects', projects.map(({ unit: _unit, external_id: _external, ...row }) => ({ ...row, updated_at: row.assigned_at ?? row.created_at })));
    await insert('fsm.project_ownership_history', history);
    await insert('fsm.sales_pre_estimations', preEstimations);
    await insert('fsm.service_orders', orders.map(({ system: _system, ...row }) => ({ ...row, updated_at: row.created_at })));
    await insert('fsm.risk_assessments', riskAssessments);
    await insert('fsm.sales_potential_assessments', potentialAssessments);
    await insert('fsm.sales_system_integration_events', events);
    await insert('fsm.external_reference_mappings', references);

    // The seed runs inside one transaction: a plain refresh is enough (and CONCURRENTLY needs none).
    await ctx.client.query('REFRESH MATERIALIZED VIEW fsm.operator_workload');
    ctx.progress('fsm', 'fsm.operator_workload', 1, 1);
  },
};

/**
 * A service order's status and scheduled day (days from today, or null when not scheduled yet),
 * consistent with its project: orders of completed projects are done, of cancelled ones cancelled.
 */
function orderTimeline(faker: Faker, projectStatus: string | undefined): { status: string; scheduled: number | null } {
  if (projectStatus === 'COMPLETED') return { status: faker.helpers.arrayElement(['COMPLETED', 'CLOSED', 'CLOSED']), scheduled: -faker.number.int({ min: 3, max: 40 }) };
  if (projectStatus === 'CANCELLED') return { status: 'CANCELLED', scheduled: faker.number.int(100) < 50 ? null : faker.number.int({ min: -20, max: 20 }) };
  const when = faker.helpers.weightedArrayElement([
    { value: 'past', weight: 45 },
    { value: 'today', weight: 10 },
    { value: 'future', weight: 35 },
    { value: 'unscheduled', weight: 10 },
  ]);
  switch (when) {
    case 'past':
      return {
        status: faker.helpers.weightedArrayElement([
          { value: 'COMPLETED', weight: 55 },
          { value: 'CLOSED', weight: 25 },
          { value: 'CANCELLED', weight: 8 },
          { value: 'ON_HOLD', weight: 7 },
          { value: 'IN_PROGRESS', weight: 5 },
        ]),
        scheduled: -faker.number.int({ min: 1, max: 30 }),
      };
    case 'today':
      return { status: faker.helpers.arrayElement(['DISPATCHED', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED']), scheduled: 0 };
    case 'future': {
      const days = faker.number.int({ min: 1, max: 30 });
      const status = days === 1 && faker.number.int(100) < 60 ? 'DISPATCHED' : faker.helpers.weightedArrayElement([{ value: 'SCHEDULED', weight: 88 }, { value: 'ON_HOLD', weight: 6 }, { value: 'CANCELLED', weight: 6 }]);
      return { status, scheduled: days };
    }
    default:
      return { status: faker.helpers.weightedArrayElement([{ value: 'CREATED', weight: 80 }, { value: 'ON_HOLD', weight: 10 }, { value: 'CANCELLED', weight: 10 }]), scheduled: null };
  }
}
