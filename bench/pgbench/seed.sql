-- Products for the limit runs, in the scratch database the services' migrations created:
-- 200 skus with stock no run can exhaust.
insert into products (sku, price_cents, available, reserved, sold, stocked)
select 'SKU-' || n, 100, 1000000000, 0, 0, 1000000000 from generate_series(1, 200) as n;
